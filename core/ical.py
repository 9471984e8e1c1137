"""The frame every iCalendar file of the site shares (session files, feeds, the content
calendar): one product id, published, Gregorian, and event ids in a domain of their own
(``ICAL_UID_DOMAIN``) that does not follow ``BASE_URL``, so a calendar app never sees an
event twice when the site moves."""

import datetime

import icalendar
from django.conf import settings

PRODID = "-//Social Shift//Sessions//EN"


def new_calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def uid_domain() -> str:
    """The right-hand side of every event ``UID``: ``settings.ICAL_UID_DOMAIN``, fixed when
    the site is set up (it defaults to the host of the first ``BASE_URL``, which is what UIDs
    were made of before, so they stay the same); never read from ``BASE_URL`` here."""
    return settings.ICAL_UID_DOMAIN or "socialshift"


def as_feed(calendar: icalendar.Calendar, *, refresh: datetime.timedelta) -> icalendar.Calendar:
    """Mark ``calendar`` as a subscribed feed: how often to fetch it again, in both the
    standard property (RFC 7986 ``REFRESH-INTERVAL``) and Outlook's ``X-PUBLISHED-TTL``."""
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(refresh))
    return calendar


def absolute(url: str) -> str:
    if url.startswith("http"):
        return url
    return settings.BASE_URL.rstrip("/") + url
