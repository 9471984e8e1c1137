"""The content calendar's "turn this day into a challenge" (cms/content_calendar.py):
Social Masters only, once per entry, not for days that have passed."""

import datetime

import pytest
from django.utils import timezone

from challenges.models import Challenge
from people.models import Role
from tests.factories import MemberFactory
from tests.strategy.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


def test_master_turns_a_calendar_entry_into_a_challenge_once(client_for, master):
    day = timezone.localdate() + datetime.timedelta(days=10)
    entry = CalendarEntryFactory(title="Dag van de Verpleging", starts_on=day, suggested_angle="Een dag uit het leven")
    client = client_for(master)
    page = client.get(f"/content-calendar/?month={day:%Y-%m}").content.decode()
    assert "Turn into a challenge" in page
    response = client.post(f"/content-calendar/{entry.pk}/challenge/")
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.title == "Dag van de Verpleging" and "Een dag uit het leven" in challenge.brief
    assert challenge.closes_at.date() == day
    client.post(f"/content-calendar/{entry.pk}/challenge/")
    assert Challenge.objects.count() == 1
    entry.refresh_from_db()
    assert entry.challenge_id == challenge.pk
    assert "Challenge created" in client.get(f"/content-calendar/?month={day:%Y-%m}").content.decode()


def test_only_masters_turn_entries_into_challenges(client_for, master):
    entry = CalendarEntryFactory(
        title="Open dag", kind="company_event", starts_on=timezone.localdate() + datetime.timedelta(days=5)
    )
    for role in (Role.AMBASSADOR, Role.EDITOR, Role.ACTIVATOR, Role.CREATOR):
        client = client_for(MemberFactory(role=role))
        assert client.post(f"/content-calendar/{entry.pk}/challenge/").status_code == 403
        assert "Turn into a challenge" not in client.get("/content-calendar/").content.decode()
    past = CalendarEntryFactory(
        title="Gisteren", kind="holiday", starts_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    response = client_for(master).post(f"/content-calendar/{past.pk}/challenge/", follow=True)
    assert "has passed" in response.content.decode()
