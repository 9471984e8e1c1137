"""Calendars: per-session .ics and the personal feed, parsed with icalendar, in the
session's time zone (events/ics.py, through the views)."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.test import Client

from events.models import SessionKind
from events.services.calendar_feeds import calendar_feed
from events.services.registration import register
from tests.events.factories import SessionFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.clock
def test_session_ics_is_valid_with_the_sessions_time_zone(logged_in, member):
    start = datetime.datetime(2031, 3, 30, 9, 30, tzinfo=AMSTERDAM)  # the day after the clocks go forward
    session = SessionFactory(
        title="Kennissessie",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        venue="Utrecht, zaal 3",
        online_url="https://meet.example.com/x",
    )
    calendar = parse(logged_in.get(f"/session/{session.pk}/session.ics"))
    [event] = calendar.walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("dtstart") == start
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(hours=2)
    assert event.decoded("dtend") == start + datetime.timedelta(hours=2)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Amsterdam"
    assert str(event["summary"]) == "Kennissessie"
    assert "meet.example.com" not in event.to_ical().decode()  # no place, no link
    register(member=member, session=session)
    event = parse(logged_in.get(f"/session/{session.pk}/session.ics")).walk("VEVENT")[0]
    assert "meet.example.com/x" in str(event["description"])


def test_a_london_session_is_written_in_london_time(logged_in):
    start = datetime.datetime(2031, 6, 1, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    session = SessionFactory(title="Webinar", kind=SessionKind.WEBINAR, starts_at=start, time_zone="Europe/London")
    calendar = parse(logged_in.get(f"/session/{session.pk}/session.ics"))
    event = calendar.walk("VEVENT")[0]
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event.decoded("dtstart").astimezone(datetime.UTC) == datetime.datetime(
        2031, 6, 1, 13, 0, tzinfo=datetime.UTC
    )
    assert [z["TZID"] for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_ics_needs_login_and_a_live_session(logged_in):
    session = SessionFactory()
    assert Client().get(f"/session/{session.pk}/session.ics").status_code == 302
    draft = SessionFactory(publish=False)
    assert logged_in.get(f"/session/{draft.pk}/session.ics").status_code == 404


@pytest.mark.clock
def test_personal_feed_lists_my_sessions_and_can_be_revoked(client, logged_in, member):
    mine = SessionFactory(title="Mine", online_url="https://meet.example.com/mine")
    waiting = SessionFactory(title="Waiting", capacity=1)
    SessionFactory(title="Not mine")
    register(member=MemberFactory(), session=waiting)
    register(member=member, session=mine)
    register(member=member, session=waiting)
    feed = calendar_feed(member=member)
    calendar = parse(client.get(f"/calendar/{feed.secret}.ics"))  # no login: the secret is the key
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Mine", "Waiting"}
    assert "meet.example.com/mine" in str(events["Mine"]["description"])
    assert str(events["Mine"]["status"]) == "CONFIRMED"
    assert str(events["Waiting"]["status"]) == "TENTATIVE"
    assert calendar.walk("VTIMEZONE")
    page = logged_in.get("/calendar/")
    assert feed.secret in page.content.decode()
    logged_in.post("/calendar/revoke/")
    assert client.get(f"/calendar/{feed.secret}.ics").status_code == 404
    feed.refresh_from_db()
    assert client.get(f"/calendar/{feed.secret}.ics").status_code == 200
    assert client.get("/calendar/not-a-secret.ics").status_code == 404


def test_cancelled_sessions_show_as_cancelled_in_the_feed(client, member):
    session = SessionFactory(title="Off")
    register(member=member, session=session)
    session.cancelled = True
    session.save_revision().publish()
    feed = calendar_feed(member=member)
    event = parse(client.get(f"/calendar/{feed.secret}.ics")).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"
