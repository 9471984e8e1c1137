"""Three iCalendar parsers nobody on this project wrote, for the tests of every ``.ics``:
``icalendar`` (what the product writes with), ``vobject`` and ``ical`` (an independent,
strict RFC 5545 implementation). Each returns the events as (UID, SUMMARY, DTSTAMP) so a
test can check that all three read the same file the same way."""

import datetime

import icalendar
import vobject
from ical.calendar_stream import IcsCalendarStream


def _utc(value) -> datetime.datetime:
    return value.astimezone(datetime.UTC).replace(tzinfo=None)


def with_icalendar(body: bytes) -> list[tuple[str, str, datetime.datetime]]:
    calendar = icalendar.Calendar.from_ical(body)
    return sorted((str(e["uid"]), str(e["summary"]), _utc(e.decoded("dtstamp"))) for e in calendar.walk("VEVENT"))


def with_vobject(body: bytes) -> list[tuple[str, str, datetime.datetime]]:
    calendar = vobject.readOne(body.decode("utf-8"))
    events = getattr(calendar, "vevent_list", [])
    return sorted((e.uid.value, e.summary.value, _utc(e.dtstamp.value)) for e in events)


def with_ical(body: bytes) -> list[tuple[str, str, datetime.datetime]]:
    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    return sorted((e.uid, e.summary, _utc(e.dtstamp)) for e in calendar.events)


def events_in_all_three(body: bytes) -> list[tuple[str, str, datetime.datetime]]:
    """The events, after checking that the three parsers agree on them."""
    first = with_icalendar(body)
    assert with_vobject(body) == first
    assert with_ical(body) == first
    return first
