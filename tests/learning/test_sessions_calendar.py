"""Calendars: per-session .ics and the personal feed (parsed with icalendar, correct time
zone), the content calendar, and Dutch holidays computed from their rules."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core.management import call_command
from django.utils import timezone

from learning.models import CalendarEntry, SessionKind
from learning.sessions import holidays, services
from tests.factories import MemberFactory
from tests.learning.session_factories import make_session

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.clock
def test_session_ics_is_valid_with_the_sessions_time_zone(logged_in, member):
    start = datetime.datetime(2031, 3, 30, 9, 30, tzinfo=AMSTERDAM)  # the day after the clocks go forward
    session = make_session(
        "Kennissessie",
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
    services.register(member=member, session=session)
    event = parse(logged_in.get(f"/session/{session.pk}/session.ics")).walk("VEVENT")[0]
    assert "meet.example.com/x" in str(event["description"])


def test_a_london_session_is_written_in_london_time(logged_in):
    start = datetime.datetime(2031, 6, 1, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    session = make_session("Webinar", kind=SessionKind.WEBINAR, starts_at=start, time_zone="Europe/London")
    calendar = parse(logged_in.get(f"/session/{session.pk}/session.ics"))
    event = calendar.walk("VEVENT")[0]
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event.decoded("dtstart").astimezone(datetime.UTC) == datetime.datetime(
        2031, 6, 1, 13, 0, tzinfo=datetime.UTC
    )
    assert [z["TZID"] for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_ics_needs_login_and_a_live_session(logged_in):
    from django.test import Client

    session = make_session()
    assert Client().get(f"/session/{session.pk}/session.ics").status_code == 302
    draft = make_session(publish=False)
    assert logged_in.get(f"/session/{draft.pk}/session.ics").status_code == 404


@pytest.mark.clock
def test_personal_feed_lists_my_sessions_and_can_be_revoked(client, logged_in, member):
    mine = make_session("Mine", online_url="https://meet.example.com/mine")
    waiting = make_session("Waiting", capacity=1)
    make_session("Not mine")
    services.register(member=MemberFactory(), session=waiting)
    services.register(member=member, session=mine)
    services.register(member=member, session=waiting)
    feed = services.calendar_feed(member=member)
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
    session = make_session("Off")
    services.register(member=member, session=session)
    session.cancelled = True
    session.save_revision().publish()
    feed = services.calendar_feed(member=member)
    event = parse(client.get(f"/calendar/{feed.secret}.ics")).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"


@pytest.mark.parametrize(
    "year,easter",
    [
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ],
)
def test_easter(year, easter):
    assert holidays.easter_sunday(year).isoformat() == easter


def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday():
    assert holidays.koningsdag(2025) == datetime.date(2025, 4, 26)
    assert holidays.koningsdag(2031) == datetime.date(2031, 4, 26)
    assert holidays.koningsdag(2026) == datetime.date(2026, 4, 27)


def test_dutch_holidays_2026():
    by_key = {h.key: h.date.isoformat() for h in holidays.dutch_holidays(2026)}
    assert by_key["goede-vrijdag"] == "2026-04-03"
    assert by_key["tweede-paasdag"] == "2026-04-06"
    assert by_key["hemelvaartsdag"] == "2026-05-14"
    assert by_key["eerste-pinksterdag"] == "2026-05-24"
    assert by_key["tweede-pinksterdag"] == "2026-05-25"
    assert by_key["bevrijdingsdag"] == "2026-05-05"
    assert by_key["eerste-kerstdag"] == "2026-12-25"
    assert by_key["moederdag"] == "2026-05-10"
    assert by_key["vaderdag"] == "2026-06-21"
    assert by_key["prinsjesdag"] == "2026-09-15"


@pytest.mark.clock
def test_adding_holidays_is_idempotent():
    year = timezone.localdate().year
    added = services.add_dutch_holidays(years=[year, year + 1])
    assert added == 2 * len(holidays.dutch_holidays(year))
    assert services.add_dutch_holidays(years=[year, year + 1]) == 0
    assert CalendarEntry.objects.filter(title="Koningsdag").count() == 2


@pytest.mark.clock
def test_content_calendar_month_view_and_ics(logged_in):
    CalendarEntry.objects.create(
        title="Vakbeurs Jaarbeurs",
        kind="trade_fair",
        starts_on=datetime.date(2027, 3, 30),
        ends_on=datetime.date(2027, 4, 1),
        suggested_angle="Foto's van de stand",
    )
    page = logged_in.get("/content-calendar/?month=2027-03").content.decode()
    assert "Vakbeurs Jaarbeurs" in page and "Foto&#x27;s van de stand" in page
    assert "Vakbeurs Jaarbeurs" in logged_in.get("/content-calendar/?month=2027-04").content.decode()
    calendar = parse(logged_in.get("/content-calendar.ics"))
    [event] = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Vakbeurs Jaarbeurs"] or [None]
    if event is not None:  # only recent entries are in the download
        assert event.decoded("dtend") == datetime.date(2027, 4, 2)


def test_seed_demo_adds_this_and_next_years_holidays(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    year = timezone.localdate().year
    for y in (year, year + 1):
        assert CalendarEntry.objects.filter(title="Koningsdag", starts_on=holidays.koningsdag(y)).exists()
        assert CalendarEntry.objects.filter(title="Eerste Paasdag", starts_on=holidays.easter_sunday(y)).exists()
