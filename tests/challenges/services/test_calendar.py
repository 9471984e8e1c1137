"""The content calendar's "turn this day into a challenge" (challenges/services/calendar.py,
offered on the strategy app's calendar page): Social Masters only, once per entry, not for
days that have passed."""

import datetime

import pytest
from django.utils import timezone

from challenges.errors import EntryInThePast
from challenges.models import Challenge, ChallengeState
from challenges.services import turn_into_challenge
from core.errors import NotAllowed
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


@pytest.mark.clock
def test_the_service_refuses_others_and_past_days_with_codes(master):
    today = timezone.localdate()
    coming = CalendarEntryFactory(title="Beursdag", kind="trade_fair", starts_on=today + datetime.timedelta(days=1))
    with pytest.raises(NotAllowed):
        turn_into_challenge(entry=coming, by=MemberFactory(role=Role.ACTIVATOR))
    challenge = turn_into_challenge(entry=coming, by=master)
    assert challenge.state == ChallengeState.DRAFT and challenge.opens_at < challenge.closes_at
    assert turn_into_challenge(entry=coming, by=master) == challenge
    gone = CalendarEntryFactory(title="Eergisteren", kind="holiday", starts_on=today - datetime.timedelta(days=2))
    with pytest.raises(EntryInThePast) as refused:
        turn_into_challenge(entry=gone, by=master)
    assert refused.value.status_code == 409 and refused.value.code == "entry_in_the_past"
