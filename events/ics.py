"""iCalendar files: one session, and a member's personal feed.

Times are written in the session's own time zone with a TZID and a matching VTIMEZONE, so
calendar apps show the right local time on both sides of a daylight-saving change."""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from core.feeds import REFRESH
from core.ical import absolute, as_feed, new_calendar, uid_domain


def changed_at(session) -> datetime.datetime:
    """When the session was last published: the event's DTSTAMP and LAST-MODIFIED, so an
    unchanged session is written the same way every time (and the feed's ETag holds)."""
    return (session.last_published_at or session.first_published_at or session.starts_at).astimezone(datetime.UTC)


def session_event(session, *, show_link: bool, tentative: bool = False) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"session-{session.pk}@{uid_domain()}")
    event.add("dtstamp", changed_at(session))
    event.add("last-modified", changed_at(session))
    event.add("dtstart", session.starts_at.astimezone(session.zone))
    event.add("dtend", session.ends_at.astimezone(session.zone))
    event.add("summary", session.title)
    url = absolute(session.url or "")
    description = [session.summary] if session.summary else []
    if show_link and session.online_url:
        description.append(_("Join online: %(url)s") % {"url": session.online_url})
    description.append(url)
    event.add("description", "\n\n".join(description))
    location = session.venue or (session.online_url if show_link else "") or ""
    if location:
        event.add("location", location)
    event.add("url", url)
    # A place on the waiting list is not a place yet: calendars show it as tentative.
    event.add("status", "CANCELLED" if session.cancelled else "TENTATIVE" if tentative else "CONFIRMED")
    event.add("sequence", int((session.last_published_at or session.first_published_at or timezone.now()).timestamp()))
    return event


def session_calendar(session, *, show_link: bool = False) -> bytes:
    calendar = new_calendar(session.title)
    calendar.add_component(session_event(session, show_link=show_link))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_calendar(sessions_with_access, *, name: str) -> bytes:
    """``sessions_with_access``: (session, has a place or hosts) pairs; without a place the
    online link stays out and the event is tentative."""
    calendar = as_feed(new_calendar(name), refresh=REFRESH)
    for session, has_place in sessions_with_access:
        calendar.add_component(session_event(session, show_link=has_place, tentative=not has_place))
    calendar.add_missing_timezones()
    return calendar.to_ical()
