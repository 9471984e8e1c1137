"""The content calendar as an iCalendar file: all-day events a calendar app shows beside
one's own appointments without blocking time."""

import datetime

import icalendar
from django.utils import timezone
from django.utils.html import strip_tags

from core.ical import new_calendar, uid_domain


def content_calendar(entries, *, name: str) -> bytes:
    calendar = new_calendar(name)
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", f"calendar-entry-{entry.pk}@{uid_domain()}")
        event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
        event.add("dtstart", entry.starts_on)
        # All-day events end on the day after the last day (RFC 5545, DTEND is exclusive).
        event.add("dtend", entry.last_day + datetime.timedelta(days=1))
        event.add("summary", entry.display_title)
        event.add("categories", [str(entry.get_kind_display())])
        if entry.suggested_angle:
            event.add("description", strip_tags(entry.suggested_angle))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
