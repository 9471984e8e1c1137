"""Dates that arrive from outside (query strings)."""

import calendar
import datetime


def parse_month(value: str | None) -> tuple[datetime.date, datetime.date] | None:
    """``YYYY-MM`` → (first day, last day), or None when it is not a month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return None
    return first, first.replace(day=calendar.monthrange(year, month)[1])
