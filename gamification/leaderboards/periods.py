"""The periods boards are cut into: all-time, this week (from Monday) and this month, in local
time (``TIME_ZONE``, Europe/Amsterdam)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput

PERIODS = ("all", "week", "month")


def check_period(period: str) -> str:
    """``period`` if it is one of ``PERIODS``; else raises ``InvalidInput``."""
    if period not in PERIODS:
        raise InvalidInput(_("period must be one of: %(periods)s.") % {"periods": ", ".join(PERIODS)})
    return period


def period_start(period: str, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Start of the current week (Monday) or month in local time; None for all-time.
    Raises ``InvalidInput`` for a period not in ``PERIODS``."""
    if check_period(period) == "all":
        return None
    local = timezone.localtime(now or timezone.now())
    day = local.date()
    start = day - datetime.timedelta(days=day.weekday()) if period == "week" else day.replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


def week_start(moment: datetime.datetime) -> datetime.date:
    """The Monday (local time) of the week ``moment`` falls in: the week an award makes active."""
    local = timezone.localtime(moment).date()
    return local - datetime.timedelta(days=local.weekday())
