"""The moments the test suite pins its clock to.

Every test runs at a pinned moment (``tests/conftest.py``): the ordinary one below, or the one
``TEST_CLOCK`` names. Tests marked ``clock`` run once at each awkward moment, where calendar
code tends to break: a month that begins after its week did, the first minutes of a week
(still Sunday in UTC), both nights the clocks change, the last evening of a year, a leap day.

Each moment is the next one after today (the real date), never one in the past: the servers
beside the tests keep the real time, so Redis expiry times, session cookies in the browser
and Celery ETAs computed from the pinned clock must lie ahead of the real clock, as they do
in production.
"""

import datetime
import os
import zlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

# The real date the moments are counted from. The first pytest process (the xdist controller)
# sets it, so that its workers collect the same moments even if midnight passes in between.
BASE_DATE_ENV = "TEST_CLOCK_BASE_DATE"
TEST_CLOCK_ENV = "TEST_CLOCK"


@dataclass(frozen=True)
class Moment:
    name: str
    at: datetime.datetime  # in UTC: arithmetic on a local time would count wall-clock hours
    zone: ZoneInfo

    @property
    def local(self) -> datetime.datetime:
        return self.at.astimezone(self.zone)

    @property
    def seed(self) -> int:
        """A seed for the random data of a test at this moment: each moment gets data of its
        own (more variety a run than the same seeds at every moment), the same every run."""
        return zlib.crc32(self.name.encode())

    @property
    def id(self) -> str:
        """``name@local time``, as it appears in the test ids."""
        return f"{self.name}@{self.local.isoformat(timespec='minutes')}"


def _days_from(start: datetime.date):
    day = start
    while True:
        yield day
        day += datetime.timedelta(days=1)


def _first(start: datetime.date, condition) -> datetime.date:
    return next(day for day in _days_from(start) if condition(day))


def _last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
    return day - datetime.timedelta(days=(day.weekday() - 6) % 7)


def _dst_change(start: datetime.date, month: int) -> datetime.date:
    """The next last Sunday of ``month`` on or after ``start`` (when the EU changes clocks)."""
    day = _last_sunday(start.year, month)
    return day if day >= start else _last_sunday(start.year + 1, month)


def _at(day: datetime.date, hour: int, minute: int, zone: ZoneInfo, *, fold: int = 0) -> datetime.datetime:
    # A wall time in the spring gap comes out as the instant zoneinfo gives it (02:30 is 03:30).
    local = datetime.datetime.combine(day, datetime.time(hour, minute, fold=fold), tzinfo=zone)
    return local.astimezone(datetime.UTC)


def ordinary(start: datetime.date, zone: ZoneInfo) -> Moment:
    """A Wednesday morning in the middle of a month: its week lies wholly in the month."""
    day = _first(start, lambda d: d.weekday() == 2 and 10 <= d.day <= 18)
    return Moment("ordinary", _at(day, 10, 0, zone), zone)


def awkward(start: datetime.date, zone: ZoneInfo) -> list[Moment]:
    """The awkward moments after ``start``, in the order the test ids show them."""
    leap_day = _first(start, lambda d: d.month == 2 and d.day == 29)
    return [
        # The 1st, a Tuesday to Thursday, half an hour in: the week began in the previous
        # month, and in UTC it is still the previous day (and month).
        Moment(
            "month-starts-midweek",
            _at(_first(start, lambda d: d.day == 1 and 1 <= d.weekday() <= 3), 0, 30, zone),
            zone,
        ),
        # Monday 00:30: a new week here, still Sunday (last week) in UTC.
        Moment("monday-0030", _at(_first(start, lambda d: d.weekday() == 0), 0, 30, zone), zone),
        # 02:30 does not exist that night (02:00 becomes 03:00): the moment is 03:30 summer
        # time, on a day of 23 hours.
        Moment("dst-spring-forward", _at(_dst_change(start, 3), 2, 30, zone), zone),
        # 02:30 happens twice (03:00 becomes 02:00): the second time, on a day of 25 hours.
        Moment("dst-fall-back", _at(_dst_change(start, 10), 2, 30, zone, fold=1), zone),
        Moment("new-years-eve", _at(_first(start, lambda d: d.month == 12 and d.day == 31), 23, 30, zone), zone),
        Moment("leap-day", _at(leap_day, 12, 0, zone), zone),
    ]


def base_date(zone: ZoneInfo) -> datetime.date:
    """Tomorrow (real local date): every moment counted from it lies in the future."""
    if value := os.environ.get(BASE_DATE_ENV):
        return datetime.date.fromisoformat(value)
    return datetime.datetime.now(zone).date() + datetime.timedelta(days=1)


def from_env(zone: ZoneInfo) -> Moment | None:
    """The moment ``TEST_CLOCK`` names (ISO 8601 with an offset, or local time without one)."""
    value = os.environ.get(TEST_CLOCK_ENV, "").strip()
    if not value:
        return None
    at = datetime.datetime.fromisoformat(value)
    if at.tzinfo is None:
        at = at.replace(tzinfo=zone)
    return Moment("TEST_CLOCK", at.astimezone(datetime.UTC), zone)
