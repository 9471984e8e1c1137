"""The periods boards are cut into: all-time, this week (from Monday) and this month, in local
time (``TIME_ZONE``, Europe/Amsterdam), and the name of each period's bucket (``bucket``), which
the Redis index (its keys) and the SQL period totals (``BoardTotal.bucket``) both use."""

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


def bucket(period: str, moment: datetime.datetime | None = None) -> str:
    """The bucket of ``moment`` (default: now) for a period, as ``period_start`` cuts it:
    ``all``, ``w<Monday>`` (ISO date) or ``m<YYYY-MM>``."""
    start = period_start(period, moment)
    if start is None:
        return "all"
    day = timezone.localtime(start).date()
    return f"w{day.isoformat()}" if period == "week" else f"m{day:%Y-%m}"


def day_buckets(day: datetime.date) -> tuple[str, str]:
    """(week bucket, month bucket) of a local day: plain date arithmetic, no time zones."""
    return f"w{(day - datetime.timedelta(days=day.weekday())).isoformat()}", f"m{day:%Y-%m}"
