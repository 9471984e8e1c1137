"""The content calendar as an iCalendar file: all-day events a calendar app shows beside
one's own appointments without blocking time."""

import datetime

import icalendar
from django.utils.html import strip_tags

from core.feeds import REFRESH
from core.ical import as_feed, new_calendar, uid_domain


def content_calendar(entries, *, name: str) -> bytes:
    """The entries as all-day events; DTSTAMP and LAST-MODIFIED are when the entry last
    changed, so the same entries give the same file (and the feed's ETag holds)."""
    calendar = as_feed(new_calendar(name), refresh=REFRESH)
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", f"calendar-entry-{entry.pk}@{uid_domain()}")
        event.add("dtstamp", entry.updated_at.astimezone(datetime.UTC))
        event.add("last-modified", entry.updated_at.astimezone(datetime.UTC))
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
