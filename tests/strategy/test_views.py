"""The content calendar's month page and download (strategy/views.py)."""

import datetime

import icalendar
import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from strategy.models import CalendarEntry
from tests.strategy.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_the_month_shows_entries_that_touch_it(logged_in):
    CalendarEntryFactory(
        title="Vakbeurs Jaarbeurs",
        kind=CalendarEntry.Kind.TRADE_FAIR,
        starts_on=datetime.date(2027, 3, 30),
        ends_on=datetime.date(2027, 4, 1),
        suggested_angle="Foto's van de stand",
    )
    page = logged_in.get("/content-calendar/?month=2027-03").content.decode()
    assert "Vakbeurs Jaarbeurs" in page and "Foto&#x27;s van de stand" in page
    assert "Vakbeurs Jaarbeurs" in logged_in.get("/content-calendar/?month=2027-04").content.decode()
    assert "Vakbeurs Jaarbeurs" not in logged_in.get("/content-calendar/?month=2027-05").content.decode()
    # Not a month: this month.
    assert logged_in.get("/content-calendar/?month=soon").status_code == 200


def test_the_title_follows_the_language(logged_in):
    CalendarEntryFactory(title="Koningsdag", title_en="King's Day", starts_on=datetime.date(2027, 4, 27))
    assert "King&#x27;s Day" in logged_in.get("/content-calendar/?month=2027-04").content.decode()
    with override("nl"):
        entry = CalendarEntry.objects.get()
        assert entry.display_title == "Koningsdag"


@pytest.mark.clock
def test_the_download_has_recent_and_coming_entries_as_all_day_events(logged_in):
    today = timezone.localdate()
    CalendarEntryFactory(
        title="Beurs", starts_on=today + datetime.timedelta(days=10), ends_on=today + datetime.timedelta(days=12)
    )
    CalendarEntryFactory(title="Long ago", starts_on=today - datetime.timedelta(days=90))
    response = logged_in.get("/content-calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = {str(e["summary"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(events) == {"Beurs"}
    assert events["Beurs"].decoded("dtend") == today + datetime.timedelta(days=13)


def test_the_calendar_needs_login():
    assert Client().get("/content-calendar/").status_code == 302
    assert Client().get("/content-calendar.ics").status_code == 302
