"""How the Redis index names and scores things.

Keys (``<p>`` is ``settings.LEADERBOARD_KEY_PREFIX``, default ``lb``)::

    <p>:z:<board>:<bucket>:<scope>   sorted set, member = encoded member id, score = points
    <p>:indexed:<entry id>           marker: this entry's points were added (7 days)
    <p>:keys                         set of every sorted-set key ever written (pruning)
    <p>:ready                        set by a full rebuild; without it boards are read from SQL
    <p>:rebuild-lock                 one rebuild at a time

* board: ``all``, ``department-<id>``, ``location-<id>`` (the member's current department and
  location when the entry was indexed) and every ``BoardEntry.board`` of the entry;
* bucket: ``all``, ``w<Monday>`` (ISO week, local time) or ``m<YYYY-MM>`` of the entry's
  ``occurred_at``, exactly as ``periods.period_start`` cuts periods; week and month keys
  expire a while after their period;
* scope: ``everyone`` (what Masters see, ``include_hidden=True``) and ``public`` (members who
  did not hide themselves). Inactive members are in neither, as in SQL.

Scores are the integer points: exact up to 2**53, and no tie-break is packed into them.
Ties are ordered by member id because members are stored as ``10**12 - id`` in twelve
digits: ``ZREVRANGE`` lists equal scores in reverse lexicographic order, i.e. ascending id.
Competition rank (1, 2, 2, 4) is ``1 + ZCOUNT(key, (score, +inf)``.
"""

import datetime
import functools

import redis
from django.conf import settings
from django.utils import timezone

from .periods import bucket, period_start

SCOPES = ("everyone", "public")
MEMBER_BASE = 10**12
MARKER_TTL = 7 * 24 * 3600
BUILD_TTL = 3600  # a crashed rebuild's temporary keys vanish after this
CHUNK = 20_000
# Boards derived from the member (department, location) or scored elsewhere (prize): a
# BoardEntry with such a name is not what SQL shows on that board, so it is not indexed.
MEMBER_BOARDS = ("all", "department", "location")
NOT_INDEXED = (*MEMBER_BOARDS, "prize")
SENTINEL = b"~rebuilding"


def encode_member(member_id: int) -> str:
    return f"{MEMBER_BASE - member_id:012d}"


def decode_member(value: bytes | str) -> int:
    return MEMBER_BASE - int(value)


def bucket_expiry(period: str, moment: datetime.datetime) -> int:
    """Unix time when a week or month key may go: long after anyone can read it."""
    start = period_start(period, moment)
    if start is None:
        return 0
    keep = datetime.timedelta(days=7 + 28) if period == "week" else datetime.timedelta(days=31 + 62)
    return int((start + keep).timestamp())


@functools.lru_cache(maxsize=64)
def _local_day_buckets(day: datetime.date, tz_name: str) -> tuple[tuple[str, int], tuple[str, int]]:
    # Every award of a day falls in the same week and month: worked out once per day, not per
    # award (timezone arithmetic was a tenth of the cost of indexing an award).
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return tuple((bucket(p, moment), bucket_expiry(p, moment)) for p in ("week", "month"))


def buckets_of(moment: datetime.datetime) -> tuple[tuple[str, int], tuple[str, int]]:
    """(week bucket, its expiry), (month bucket, its expiry) of ``moment``."""
    return _local_day_buckets(timezone.localtime(moment).date(), timezone.get_current_timezone_name())


def board_kind(name: str) -> str:
    return name.partition("-")[0]


def client_from_settings(**options) -> redis.Redis:
    """A client for ``settings.REDIS_URL`` with short timeouts: the index must never hold a
    request up for long."""
    options.setdefault("socket_timeout", 0.5)
    options.setdefault("socket_connect_timeout", 0.5)
    return redis.Redis.from_url(settings.REDIS_URL, **options)
