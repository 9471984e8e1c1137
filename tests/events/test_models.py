"""Session pages' rules: capacity against the places given, and times typed in the
session's own time zone (the admin form)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import rich_text

from events.services.registration import register
from people.models import Role
from tests.events.factories import SessionFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client_for):
    return client_for(MemberFactory(role=Role.MASTER, is_staff=True, is_superuser=True))


def edit_form(session, **fields):
    local = session.starts_at.astimezone(session.zone)
    return {
        "title": session.title,
        "slug": session.slug,
        "kind": session.kind,
        "summary": "",
        "starts_at": local.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (local + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "time_zone": session.time_zone,
        "capacity": str(session.capacity),
        "waiting_list": "on",
        "agenda": rich_text(""),
        "materials": rich_text(""),
        "action-publish": "action-publish",
        **fields,
    }


def test_the_end_comes_after_the_start_and_the_deadline_before_it():
    session = SessionFactory()
    session.ends_at = session.starts_at
    session.registration_deadline = session.starts_at + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        session.full_clean()
    assert set(exc.value.message_dict) >= {"ends_at", "registration_deadline"}


def test_lowering_the_capacity_below_the_registrations_is_a_clear_error():
    session = SessionFactory(capacity=3)
    for member in MemberFactory.create_batch(3):
        register(member=member, session=session)
    session.capacity = 2
    with pytest.raises(ValidationError) as exc:
        session.full_clean()
    assert "3 members already have a place" in str(exc.value.message_dict["capacity"])


def test_lowering_the_capacity_in_the_wagtail_editor_shows_the_error(superuser_client):
    session = SessionFactory(capacity=2)
    for member in MemberFactory.create_batch(2):
        register(member=member, session=session)
    local = session.starts_at.astimezone(session.zone)
    response = superuser_client.post(f"/admin/pages/{session.pk}/edit/", edit_form(session, capacity="1"))
    assert response.status_code == 200
    assert "2 members already have a place" in response.content.decode()
    response = superuser_client.post(f"/admin/pages/{session.pk}/edit/", edit_form(session, capacity="2"))
    assert response.status_code == 302
    session.refresh_from_db()
    # Entered as Amsterdam wall-clock time, stored in UTC: unchanged.
    assert session.starts_at.astimezone(session.zone).strftime("%H:%M") == local.strftime("%H:%M")


@pytest.mark.clock
def test_times_are_entered_in_the_sessions_time_zone(superuser_client):
    session = SessionFactory()
    form = edit_form(
        session,
        starts_at="2031-07-01 10:00",
        ends_at="2031-07-01 11:30",
        time_zone="Europe/London",
        capacity="5",
    )
    del form["waiting_list"]
    response = superuser_client.post(f"/admin/pages/{session.pk}/edit/", form)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == datetime.datetime(2031, 7, 1, 9, 0, tzinfo=datetime.UTC)  # 10:00 BST
    assert session.ends_at == datetime.datetime(2031, 7, 1, 10, 30, tzinfo=datetime.UTC)
    edit = superuser_client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    assert "2031-07-01 10:00" in edit
