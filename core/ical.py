"""The frame every iCalendar file of the site shares (session files, feeds, the content
calendar): one product id, published, Gregorian, and event ids in the site's domain."""

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
    """The site's host name, for event ``UID``s that stay the same across downloads."""
    return settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "socialshift"


def absolute(url: str) -> str:
    if url.startswith("http"):
        return url
    return settings.BASE_URL.rstrip("/") + url
