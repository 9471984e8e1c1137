"""Dates that arrive from outside (query strings), and dates as a person reads them."""

import calendar
import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext_lazy


def parse_month(value: str | None) -> tuple[datetime.date, datetime.date] | None:
    """``YYYY-MM`` → (first day, last day), or None when it is not a month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return None
    return first, first.replace(day=calendar.monthrange(year, month)[1])


# Django's Dutch catalogue abbreviates months without the full stop a Dutch reader expects
# ("dec", "okt"). The same ids in the same context, translated in locale/nl ("dec.", "okt.",
# "mei"), take precedence over Django's, so the ``N`` format character (``date:"j N Y"``)
# gives "1 dec. 2026" in Dutch and "1 Dec. 2026" in English. Never use ``M`` for display: it
# capitalises ("1 Dec 2026", "1 Okt").
MONTHS_ABBREVIATED = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)


def short_date(value: datetime.date, *, with_time: bool = False) -> str:
    """``value`` as a person reads it in the active language: "1 dec. 2026" ("1 dec. 2026
    14:05" ``with_time``; an aware datetime in the current time zone)."""
    if with_time and isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j N Y H:i" if with_time else "j N Y")


def long_date(value: datetime.date) -> str:
    """``value`` written out in the active language: "1 december 2026"."""
    return date_format(value, "j F Y")


def time_left(until: datetime.datetime, *, now: datetime.datetime | None = None) -> str:
    """How long until ``until``, in the active language with real plurals and at most two
    units: "2 dagen en 3 uur", "3 uur en 5 minuten", "5 minuten", "minder dan een minuut"
    ("2 days and 3 hours" in English). For the texts "Closes in …", "Ends in …"."""
    seconds = int((until - (now or timezone.now())).total_seconds())
    if seconds < 60:
        return gettext("less than a minute")
    minutes = seconds // 60
    days, hours, minutes = minutes // 1440, minutes // 60 % 24, minutes % 60
    parts = [
        ngettext("%(n)s day", "%(n)s days", days) % {"n": days} if days else "",
        ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours} if hours else "",
        ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes} if minutes and not days else "",
    ]
    parts = [p for p in parts if p][:2]
    if len(parts) == 1:
        return parts[0]
    return gettext("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]}
