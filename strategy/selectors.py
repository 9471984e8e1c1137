"""Reads of the content calendar for the month page, the API and the download."""

import calendar as pycalendar
import datetime
from dataclasses import dataclass

from django.db.models import Q

from .models import CalendarEntry

# The download covers what is coming and the recent past (a calendar app keeps the rest).
DOWNLOAD_DAYS_BACK = 60


@dataclass
class MonthView:
    first: datetime.date
    last: datetime.date
    weeks: list[list[tuple[datetime.date, list[CalendarEntry]]]]
    entries: list[CalendarEntry]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return self.last + datetime.timedelta(days=1)


def calendar_entries(*, first: datetime.date, last: datetime.date) -> list[CalendarEntry]:
    """Entries that touch the days first..last (a range that started earlier counts)."""
    return list(
        CalendarEntry.objects.filter(starts_on__lte=last)
        .filter(Q(ends_on__isnull=True, starts_on__gte=first) | Q(ends_on__gte=first))
        .order_by("starts_on", "title")
    )


def month_view(*, first: datetime.date) -> MonthView:
    """One month as weeks of (day, entries that day), Monday first; one query."""
    first = first.replace(day=1)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    entries = calendar_entries(first=first, last=last)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([(day, [e for e in entries if e.starts_on <= day <= e.last_day]) for day in week])
    return MonthView(first=first, last=last, weeks=weeks, entries=entries)


def entries_for_download(*, today: datetime.date) -> list[CalendarEntry]:
    return list(
        CalendarEntry.objects.filter(starts_on__gte=today - datetime.timedelta(days=DOWNLOAD_DAYS_BACK)).order_by(
            "starts_on"
        )
    )
