"""Leaderboards on Redis sorted sets: the same answers as ``SqlBackend``, in a millisecond.

The ledger in the database is the truth; everything here is an index that
``rebuild_leaderboards`` (or the periodic ``repair_leaderboards`` task) rebuilds from it.

Keys (``<p>`` is ``settings.LEADERBOARD_KEY_PREFIX``, default ``lb``)::

    <p>:z:<board>:<bucket>:<scope>   sorted set, member = encoded member id, score = points
    <p>:indexed:<entry id>           marker: this entry's points were added (7 days)
    <p>:keys                         set of every sorted-set key ever written (pruning)
    <p>:ready                        set by a full rebuild; without it boards are read from SQL
    <p>:rebuild-lock                 one rebuild at a time

* board: ``all``, ``department-<id>``, ``location-<id>`` (the member's current department and
  location when the entry was indexed) and every ``BoardEntry.board`` of the entry;
* bucket: ``all``, ``w<Monday>`` (ISO week, local time) or ``m<YYYY-MM>`` of the entry's
  ``occurred_at``, exactly as ``leaderboards.period_start`` cuts periods; week and month keys
  expire a while after their period;
* scope: ``everyone`` (what Masters see, ``include_hidden=True``) and ``public`` (members who
  did not hide themselves). Inactive members are in neither, as in SQL.

Scores are the integer points: exact up to 2**53, and no tie-break is packed into them.
Ties are ordered by member id because members are stored as ``10**12 - id`` in twelve
digits: ``ZREVRANGE`` lists equal scores in reverse lexicographic order, i.e. ascending id.
Competition rank (1, 2, 2, 4) is ``1 + ZCOUNT(key, (score, +inf)``.

Known differences with SQL, repaired by ``compare_and_repair``: an entry dated in a future
week counts in that week here but in the current week in SQL; a member who moves to another
department, is deactivated or changes visibility keeps their old place until
``set_visibility(member_id)`` runs for them (or the next repair).
"""

import datetime
import functools
import logging
import random
import threading
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator

import redis
from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from people.models import Department, LeaderboardVisibility, Location, Member

from . import leaderboards
from .leaderboards import NEIGHBOURS, BoardKey, Row, period_start
from .models import BoardEntry, PointsEntry, PointsTotal

logger = logging.getLogger(__name__)

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


def bucket(period: str, moment: datetime.datetime | None = None) -> str:
    """The bucket of ``moment`` (default: now) for a period, as ``period_start`` cuts it."""
    start = period_start(period, moment)
    if start is None:
        return "all"
    day = timezone.localtime(start).date()
    return f"w{day.isoformat()}" if period == "week" else f"m{day:%Y-%m}"


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


def _buckets_of(moment: datetime.datetime) -> tuple[tuple[str, int], tuple[str, int]]:
    """(week bucket, its expiry), (month bucket, its expiry) of ``moment``."""
    return _local_day_buckets(timezone.localtime(moment).date(), timezone.get_current_timezone_name())


def board_kind(name: str) -> str:
    return name.partition("-")[0]


# KEYS: registry, rebuild lock. ARGV: marker ttl, key head ("<p>:z:"), marker head
# ("<p>:indexed:"), then per entry: entry id, member, points, number of scopes (1: everyone
# only, for a hidden member; 2: and public), week bucket, its expiry, month bucket, its expiry,
# number of boards, the board names. Adds each entry's points once (its marker), atomically,
# to every (board, bucket, scope) key; returns how many entries were new.
#
# The script names the sorted-set keys itself rather than receiving them, and takes a whole
# batch of entries in one call: an award moves about twenty keys, and sending their names
# (with delta keys and expiries) command by command cost the web process more than the
# award's database statement. That needs a standalone Redis (or one shard): these keys were
# never in one cluster slot anyway. A key is registered and given its expiry when the
# member's score in it equals the points just added, which is always so when the key is new;
# delta keys are only looked at while a rebuild holds its lock.
INDEX_SCRIPT = """
local ttl, head, marker_head = ARGV[1], ARGV[2], ARGV[3]
local scopes = {'everyone', 'public'}
local rebuilding = redis.call('EXISTS', KEYS[2]) == 1
local i, added = 4, 0
while i <= #ARGV do
  local member, points, nscopes = ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  local buckets = {{'all', 0}, {ARGV[i + 4], tonumber(ARGV[i + 5])}, {ARGV[i + 6], tonumber(ARGV[i + 7])}}
  local last = i + 8 + tonumber(ARGV[i + 8])
  if redis.call('SET', marker_head .. ARGV[i], '1', 'NX', 'EX', ttl) then
    added = added + 1
    for j = i + 9, last do
      for _, b in ipairs(buckets) do
        for s = 1, nscopes do
          local key = head .. ARGV[j] .. ':' .. b[1] .. ':' .. scopes[s]
          if tonumber(redis.call('ZINCRBY', key, points, member)) == points then
            redis.call('SADD', KEYS[1], key)
            if b[2] > 0 then redis.call('EXPIREAT', key, b[2]) end
          end
          if rebuilding and redis.call('EXISTS', key .. ':delta') == 1 then
            redis.call('ZINCRBY', key .. ':delta', points, member)
          end
        end
      end
    end
  end
  i = last + 1
end
return added
"""
INDEX_CHUNK = 100  # entries per script call: Redis runs nothing else meanwhile (~5 ms)

# KEYS[1] board; ARGV: member, distance. Returns {first position, count above it, rows}.
AROUND_SCRIPT = """
local me = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not me then return false end
local d = tonumber(ARGV[2])
local first = me - d
if first < 0 then first = 0 end
local rows = redis.call('ZREVRANGE', KEYS[1], first, me + d, 'WITHSCORES')
local above = redis.call('ZCOUNT', KEYS[1], '(' .. rows[2], '+inf')
return {first, above, rows}
"""

# KEYS: build_1, delta_1, key_1, ... ; ARGV: sentinel, expireat_1, ... Swaps every rebuilt
# board in at once: changes made while building (the deltas) are added, the old set is
# unlinked (freed in the background) and the new one renamed into place.
FINALIZE_SCRIPT = """
local sentinel = ARGV[1]
for i = 1, #KEYS, 3 do
  local build, delta, key = KEYS[i], KEYS[i + 1], KEYS[i + 2]
  local changes = redis.call('ZRANGE', delta, 0, -1, 'WITHSCORES')
  for j = 1, #changes, 2 do
    if changes[j] ~= sentinel then redis.call('ZINCRBY', build, changes[j + 1], changes[j]) end
  end
  redis.call('DEL', delta)
  redis.call('UNLINK', key)
  if redis.call('EXISTS', build) == 1 then
    redis.call('RENAME', build, key)
    local expire_at = tonumber(ARGV[(i + 2) / 3 + 1])
    if expire_at > 0 then redis.call('EXPIREAT', key, expire_at) else redis.call('PERSIST', key) end
  end
end
return 1
"""

UNLOCK_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RebuildInProgress(RuntimeError):
    pass


def _client_from_settings(**options) -> redis.Redis:
    options.setdefault("socket_timeout", 0.5)
    options.setdefault("socket_connect_timeout", 0.5)
    return redis.Redis.from_url(settings.REDIS_URL, **options)


class RedisBackend:
    """Sorted-set leaderboards. Reads never touch the database (prize boards excepted: they
    are scored by a formula, so they stay on SQL)."""

    name = "redis"

    def __init__(self, client: redis.Redis, *, prefix: str | None = None, sql=None):
        self.client = client
        self.prefix = prefix if prefix is not None else getattr(settings, "LEADERBOARD_KEY_PREFIX", "lb")
        self.sql = sql or leaderboards.sql_backend()
        self._index_script = client.register_script(INDEX_SCRIPT)
        self._around_script = client.register_script(AROUND_SCRIPT)
        self._finalize_script = client.register_script(FINALIZE_SCRIPT)
        self._unlock_script = client.register_script(UNLOCK_SCRIPT)

    @classmethod
    def from_settings(cls, **client_options) -> "RedisBackend":
        return cls(_client_from_settings(**client_options))

    # --- keys ------------------------------------------------------------------------------

    def key(self, board: str, bucket_name: str, scope: str) -> str:
        return f"{self.prefix}:z:{board}:{bucket_name}:{scope}"

    def board_key(self, board: BoardKey, period: str, include_hidden: bool) -> str:
        return self.key(board.name, bucket(period), "everyone" if include_hidden else "public")

    @property
    def ready_key(self) -> str:
        return f"{self.prefix}:ready"

    @property
    def registry_key(self) -> str:
        return f"{self.prefix}:keys"

    def marker_key(self, entry_id: int) -> str:
        return f"{self.prefix}:indexed:{entry_id}"

    def parse_key(self, key: str) -> tuple[str, str, str] | None:
        """(board, bucket, scope) of a sorted-set key of this prefix, else None."""
        head = f"{self.prefix}:z:"
        if not key.startswith(head):
            return None
        parts = key[len(head) :].split(":")
        return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None

    def is_ready(self) -> bool:
        return bool(self.client.exists(self.ready_key))

    # --- reads -----------------------------------------------------------------------------

    def top(self, board: BoardKey, period: str, n: int, *, include_hidden: bool = False) -> list[Row]:
        if board.kind == "prize":
            return self.sql.top(board, period, n, include_hidden=include_hidden)
        if n <= 0:
            return []
        raw = self.client.zrevrange(self.board_key(board, period, include_hidden), 0, n - 1, withscores=True)
        rows, previous, rank = [], None, 0
        for position, (member, score) in enumerate(raw):
            points = int(score)
            if points != previous:  # everyone above has strictly more points
                rank, previous = position + 1, points
            rows.append(Row(rank=rank, member_id=decode_member(member), points=points))
        return rows

    def around(
        self, board: BoardKey, period: str, member_id: int, *, include_hidden: bool = False, distance: int = NEIGHBOURS
    ) -> tuple[Row | None, list[Row]]:
        if board.kind == "prize":
            return self.sql.around(board, period, member_id, include_hidden=include_hidden, distance=distance)
        result = self._around_script(
            keys=[self.board_key(board, period, include_hidden)],
            args=[encode_member(member_id), distance],
            client=self.client,
        )
        if not result:
            return None, []
        first, above, raw = result
        me, neighbours, previous, rank = None, [], None, 0
        for i in range(0, len(raw), 2):
            member, points = decode_member(raw[i]), int(float(raw[i + 1]))
            if previous is None:
                rank = above + 1
            elif points != previous:
                rank = first + i // 2 + 1
            previous = points
            row = Row(rank=rank, member_id=member, points=points)
            if member == member_id:
                me = row
            else:
                neighbours.append(row)
        return me, neighbours

    # --- writes ----------------------------------------------------------------------------

    def _entry_boards(self, *, department_id, location_id, boards) -> list[str]:
        names = ["all"]
        if department_id:
            names.append(f"department-{department_id}")
        if location_id:
            names.append(f"location-{location_id}")
        names += [b for b in boards if b and board_kind(b) not in NOT_INDEXED]
        return names

    @staticmethod
    @functools.cache
    def _entry_sql() -> str:
        """The entry, its member's boards and visibility and its extra boards, in one query.
        Plain SQL: this runs after every award, and the ORM would double its cost."""
        entry, member, board = PointsEntry._meta, Member._meta, BoardEntry._meta

        def column(meta, name):
            return meta.get_field(name).column

        return (
            f"SELECT e.{column(entry, 'member')}, e.{column(entry, 'points')}, e.{column(entry, 'occurred_at')}, "  # noqa: S608
            f"m.{column(member, 'department')}, m.{column(member, 'location')}, "
            f"m.{column(member, 'leaderboard_visibility')}, m.{column(member, 'is_active')}, b.{column(board, 'board')} "
            f"FROM {entry.db_table} e JOIN {member.db_table} m ON m.{member.pk.column} = e.{column(entry, 'member')} "
            f"LEFT JOIN {board.db_table} b ON b.{column(board, 'entry')} = e.{entry.pk.column} "
            f"WHERE e.{entry.pk.column} = %s"
        )

    def index_entry(self, entry_id: int, facts: leaderboards.EntryFacts | None = None) -> bool:
        """Add one ledger entry's points to every board it counts on, once: a retried call
        finds the entry's marker and changes nothing. Reads the entry in one query unless
        the award hands over what it already read; then one Redis round trip is all."""
        if facts is None:
            facts = self._read_entry(entry_id)
            if facts is None:
                return False  # rolled back or deleted: nothing to count
        return self.index_entries([(entry_id, facts)]) == 1

    def _index_args(self, entry_id: int, facts: leaderboards.EntryFacts) -> list:
        (week, week_expiry), (month, month_expiry) = _buckets_of(facts.occurred_at)
        names = []
        if facts.active:  # inactive members are on no board, as in SQL
            names = self._entry_boards(
                department_id=facts.department_id, location_id=facts.location_id, boards=sorted(facts.boards)
            )
        scopes = 1 if facts.visibility == LeaderboardVisibility.HIDDEN else len(SCOPES)
        head = [entry_id, encode_member(facts.member_id), facts.points, scopes, week, week_expiry, month, month_expiry]
        return [*head, len(names), *names]

    def index_entries(self, items: list[tuple[int, leaderboards.EntryFacts]]) -> int:
        """``index_entry`` for many entries: one script call per ``INDEX_CHUNK`` entries, all
        in one round trip; returns how many were new. A script cache emptied by a Redis
        restart answers NOSCRIPT: load it and send the batch again; the entries that were
        counted already find their markers."""
        keys = [self.registry_key, self.lock_key]
        calls = []
        for start in range(0, len(items), INDEX_CHUNK):
            args = [MARKER_TTL, f"{self.prefix}:z:", self.marker_key("")]
            for entry_id, facts in items[start : start + INDEX_CHUNK]:
                args += self._index_args(entry_id, facts)
            calls.append(args)
        for attempt in range(2):
            pipe = self.client.pipeline(transaction=False)
            for args in calls:
                pipe.evalsha(self._index_script.sha, len(keys), *keys, *args)
            results = pipe.execute(raise_on_error=False)
            errors = [r for r in results if isinstance(r, Exception)]
            if not errors:
                return sum(results)
            if attempt == 0 and all(isinstance(e, redis.exceptions.NoScriptError) for e in errors):
                self.client.script_load(INDEX_SCRIPT)
                continue
            raise errors[0]
        return 0  # not reached: the second attempt returns or raises

    def _read_entry(self, entry_id: int) -> leaderboards.EntryFacts | None:
        with connection.cursor() as cursor:
            cursor.execute(self._entry_sql(), [entry_id])
            rows = cursor.fetchall()
        if not rows:
            return None
        member_id, points, occurred_at, department_id, location_id, visibility, active, _ = rows[0]
        if isinstance(occurred_at, str):
            occurred_at = parse_datetime(occurred_at)
        if timezone.is_naive(occurred_at):
            occurred_at = timezone.make_aware(occurred_at, datetime.UTC)
        return leaderboards.EntryFacts(
            member_id=member_id,
            points=points,
            occurred_at=occurred_at,
            department_id=department_id,
            location_id=location_id,
            visibility=visibility,
            active=bool(active),
            boards=tuple(sorted({r[-1] for r in rows if r[-1]})),
        )

    def set_visibility(self, member_id: int) -> None:
        """Put a member where the ledger says they belong on every current board: after a
        change of visibility, department, location or active flag. Recomputed from the
        ledger in four queries and written in one MULTI, so readers see the old or the new
        place, never a gap."""
        member = Member.objects.filter(pk=member_id).values(
            "department_id", "location_id", "leaderboard_visibility", "is_active"
        )
        member = member.first()
        now = timezone.now()
        starts = {p: period_start(p, now) for p in ("week", "month")}
        buckets = {p: bucket(p, now) for p in leaderboards.PERIODS}
        expected: dict[str, int] = {}  # key -> points
        board_names = set()
        if member is not None:
            total = PointsTotal.objects.filter(member_id=member_id).values_list("total", flat=True).first()
            period_sums = PointsEntry.objects.filter(member_id=member_id).aggregate(
                **{f"{p}_sum": Sum("points", filter=Q(occurred_at__gte=starts[p])) for p in starts},
                **{f"{p}_count": Count("id", filter=Q(occurred_at__gte=starts[p])) for p in starts},
            )
            per_board = (
                BoardEntry.objects.filter(member_id=member_id)
                .values("board")
                .annotate(
                    all_sum=Sum("points"),
                    **{f"{p}_sum": Sum("points", filter=Q(occurred_at__gte=starts[p])) for p in starts},
                    **{f"{p}_count": Count("id", filter=Q(occurred_at__gte=starts[p])) for p in starts},
                )
            )
            sums: dict[str, dict[str, int]] = {}
            own = ["all"]
            if member["department_id"]:
                own.append(f"department-{member['department_id']}")
            if member["location_id"]:
                own.append(f"location-{member['location_id']}")
            for name in own:
                sums[name] = {}
                if total is not None:
                    sums[name]["all"] = total
                for p in starts:
                    if period_sums[f"{p}_count"]:
                        sums[name][p] = period_sums[f"{p}_sum"]
            for row in per_board:
                if board_kind(row["board"]) in NOT_INDEXED:
                    continue
                board_names.add(row["board"])
                sums[row["board"]] = {"all": row["all_sum"]}
                for p in starts:
                    if row[f"{p}_count"]:
                        sums[row["board"]][p] = row[f"{p}_sum"]
            if member["is_active"]:
                hidden = member["leaderboard_visibility"] == LeaderboardVisibility.HIDDEN
                for name, per_period in sums.items():
                    for period, points in per_period.items():
                        for scope in ("everyone",) if hidden else SCOPES:
                            expected[self.key(name, buckets[period], scope)] = points
        # Every current key the member could be on: wherever they were, they are taken off.
        names = {"all", *board_names}
        names |= {f"department-{pk}" for pk in Department.objects.values_list("pk", flat=True)}
        names |= {f"location-{pk}" for pk in Location.objects.values_list("pk", flat=True)}
        encoded = encode_member(member_id)
        recent = list(
            PointsEntry.objects.filter(
                member_id=member_id, created_at__gte=now - datetime.timedelta(days=1)
            ).values_list("pk", flat=True)
        )
        pipe = self.client.pipeline(transaction=True)
        for name in sorted(names):
            for period in leaderboards.PERIODS:
                for scope in SCOPES:
                    key = self.key(name, buckets[period], scope)
                    if key not in expected:
                        pipe.zrem(key, encoded)
        for key, points in expected.items():
            pipe.zadd(key, {encoded: points})
            pipe.sadd(self.registry_key, key)
            board, bucket_name, _scope = self.parse_key(key)
            if bucket_name != "all":
                period = "week" if bucket_name.startswith("w") else "month"
                pipe.expireat(key, bucket_expiry(period, now))
        # Recent entries are counted by what was just written: an index_entry still on its
        # way for one of them must not add it again.
        for entry_id in recent:
            pipe.set(self.marker_key(entry_id), 1, nx=True, ex=MARKER_TTL)
        pipe.execute()

    # --- rebuilding from the ledger ---------------------------------------------------------

    def _ledger_rows(self, period: str, boards: set[str] | None) -> Iterator[tuple[str, int, int, bool]]:
        """(board, member id, points, hidden) for every current key of ``period``, streamed
        from the ledger with exactly the filters ``SqlBackend.source`` applies."""
        start = period_start(period)
        wanted_all = boards is None or "all" in boards
        departments = locations = None
        if boards is not None:
            departments = {int(b.partition("-")[2]) for b in boards if board_kind(b) == "department"}
            locations = {int(b.partition("-")[2]) for b in boards if board_kind(b) == "location"}
        if wanted_all or departments or locations:
            member_fields = ("member__department_id", "member__location_id", "member__leaderboard_visibility")
            if start is None:
                qs = PointsTotal.objects.filter(member__is_active=True)
            else:
                qs = PointsEntry.objects.filter(occurred_at__gte=start, member__is_active=True)
            if not wanted_all:
                qs = qs.filter(Q(member__department_id__in=departments) | Q(member__location_id__in=locations))
            if start is None:
                rows = qs.values_list("member_id", "total", *member_fields)
            else:
                rows = (
                    qs.values("member_id", *member_fields)
                    .annotate(points=Sum("points"))
                    .values_list("member_id", "points", *member_fields)
                    .order_by()
                )
            for member_id, points, department_id, location_id, visibility in rows.iterator(chunk_size=CHUNK):
                hidden = visibility == LeaderboardVisibility.HIDDEN
                if wanted_all:
                    yield "all", member_id, points, hidden
                if department_id and (departments is None or department_id in departments):
                    yield f"department-{department_id}", member_id, points, hidden
                if location_id and (locations is None or location_id in locations):
                    yield f"location-{location_id}", member_id, points, hidden
        others = None if boards is None else {b for b in boards if board_kind(b) not in NOT_INDEXED}
        if others is None or others:
            qs = BoardEntry.objects.filter(member__is_active=True)
            if start is not None:
                qs = qs.filter(occurred_at__gte=start)
            if others is not None:
                qs = qs.filter(board__in=sorted(others))
            rows = (
                qs.values("board", "member_id", "member__leaderboard_visibility")
                .annotate(points=Sum("points"))
                .values_list("board", "member_id", "points", "member__leaderboard_visibility")
                .order_by()
            )
            for board, member_id, points, visibility in rows.iterator(chunk_size=CHUNK):
                if board_kind(board) not in NOT_INDEXED:
                    yield board, member_id, points, visibility == LeaderboardVisibility.HIDDEN

    def _ledger_keyed_rows(self, boards: set[str] | None) -> Iterator[tuple[str, int, int]]:
        """(key, member id, points) of every current key, both scopes."""
        for period in leaderboards.PERIODS:
            bucket_name = bucket(period)
            for board, member_id, points, hidden in self._ledger_rows(period, boards):
                yield self.key(board, bucket_name, "everyone"), member_id, points
                if not hidden:
                    yield self.key(board, bucket_name, "public"), member_id, points

    def known_boards(self) -> set[str]:
        """Every board name the ledger or the index knows about (current buckets)."""
        names = {"all"}
        names |= {f"department-{pk}" for pk in Department.objects.values_list("pk", flat=True)}
        names |= {f"location-{pk}" for pk in Location.objects.values_list("pk", flat=True)}
        names |= {
            b for b in BoardEntry.objects.values_list("board", flat=True).distinct() if board_kind(b) not in NOT_INDEXED
        }
        current = {bucket(p) for p in leaderboards.PERIODS}
        for key in self.client.smembers(self.registry_key):
            parsed = self.parse_key(key.decode())
            if parsed and parsed[1] in current:
                names.add(parsed[0])
        return names

    def current_keys(self, boards: Iterable[str]) -> list[str]:
        buckets = [bucket(p) for p in leaderboards.PERIODS]
        return [self.key(b, bk, scope) for b in sorted(boards) for bk in buckets for scope in SCOPES]

    @property
    def lock_key(self) -> str:
        return f"{self.prefix}:rebuild-lock"

    def _lock(self) -> str:
        token = uuid.uuid4().hex
        if not self.client.set(self.lock_key, token, nx=True, ex=BUILD_TTL):
            raise RebuildInProgress("Another rebuild of the leaderboards is running.")
        return token

    def _unlock(self, token: str) -> None:
        self._unlock_script(keys=[self.lock_key], args=[token], client=self.client)

    def rebuild(self, board_names: Iterable[str] | None = None) -> dict:
        """Rebuild the current boards (all boards, or ``board_names``) from the ledger.

        Each key is built under a temporary name from chunks of the aggregated ledger; what
        ``index_entry`` adds meanwhile is mirrored into a delta key; one script then adds the
        deltas and renames every board into place at once, so readers never see a half-built
        board and no concurrent award is lost."""
        full = board_names is None
        boards = self.known_boards() if full else set(board_names)
        keys = self.current_keys(boards)
        token = self._lock()
        try:
            now = timezone.now()
            expiry = {bucket(p, now): bucket_expiry(p, now) for p in leaderboards.PERIODS}
            pipe = self.client.pipeline(transaction=False)
            for key in keys:
                pipe.delete(f"{key}:build")
                pipe.delete(f"{key}:delta")
                pipe.zadd(f"{key}:delta", {SENTINEL: 0})
                pipe.expire(f"{key}:delta", BUILD_TTL)
            pipe.execute()
            wanted = set(keys)
            pending: dict[str, dict[str, int]] = defaultdict(dict)
            rows = written = 0
            for key, member_id, points in self._ledger_keyed_rows(None if full else boards):
                if key not in wanted:  # e.g. a department created while rebuilding
                    continue
                pending[key][encode_member(member_id)] = points
                rows += 1
                if rows % CHUNK == 0:
                    written += self._write_build(pending)
                    pending.clear()
            written += self._write_build(pending)
            args: list = [SENTINEL]
            swap: list[str] = []
            for key in keys:
                swap += [f"{key}:build", f"{key}:delta", key]
                args.append(expiry[self.parse_key(key)[1]])
            self._finalize_script(keys=swap, args=args, client=self.client)
            pipe = self.client.pipeline(transaction=False)
            pipe.sadd(self.registry_key, *keys)
            if full:
                stale = self._stale_keys(wanted)
                if stale:
                    pipe.unlink(*stale)
                    pipe.srem(self.registry_key, *stale)
                pipe.set(self.ready_key, now.isoformat())
            pipe.execute()
        finally:
            self._unlock(token)
        logger.info("Rebuilt %s leaderboard keys (%s rows)", len(keys), written)
        return {"boards": len(boards), "keys": len(keys), "rows": written}

    def _write_build(self, pending: dict[str, dict[str, int]]) -> int:
        if not pending:
            return 0
        pipe = self.client.pipeline(transaction=False)
        count = 0
        for key, mapping in pending.items():
            pipe.zadd(f"{key}:build", mapping)
            pipe.expire(f"{key}:build", BUILD_TTL)
            count += len(mapping)
        pipe.execute()
        return count

    def _stale_keys(self, wanted: set[str]) -> list[str]:
        """Registered keys of the current buckets that no board has any more, and registry
        entries of keys that expired."""
        current = {bucket(p) for p in leaderboards.PERIODS}
        registered = [k.decode() for k in self.client.smembers(self.registry_key)]
        pipe = self.client.pipeline(transaction=False)
        for key in registered:
            pipe.exists(key)
        exists = pipe.execute()
        stale = []
        for key, present in zip(registered, exists, strict=True):
            parsed = self.parse_key(key)
            if not present or parsed is None or (parsed[1] in current and key not in wanted):
                stale.append(key)
        return stale

    # --- drift ------------------------------------------------------------------------------

    def _redis_fingerprints(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        """(count, order-independent hash) of each key's (member, points) pairs."""
        prints = {}
        for key in keys:
            count = digest = 0
            start = 0
            while True:
                chunk = self.client.zrange(key, start, start + CHUNK - 1, withscores=True)
                for member, score in chunk:
                    digest = (digest + hash((decode_member(member), int(score)))) & 0xFFFFFFFFFFFFFFFF
                count += len(chunk)
                if len(chunk) < CHUNK:
                    break
                start += CHUNK
            prints[key] = (count, digest)
        return prints

    def _ledger_fingerprints(self, boards: set[str] | None, keys: list[str]) -> dict[str, tuple[int, int]]:
        counts: dict[str, int] = dict.fromkeys(keys, 0)
        digests: dict[str, int] = dict.fromkeys(keys, 0)
        for key, member_id, points in self._ledger_keyed_rows(boards):
            counts[key] = counts.get(key, 0) + 1
            digests[key] = (digests.get(key, 0) + hash((member_id, points))) & 0xFFFFFFFFFFFFFFFF
        return {key: (counts[key], digests[key]) for key in counts}

    def compare_and_repair(self, sample: int | None = None) -> dict:
        """Compare the current boards (all, or ``sample`` random ones) with the ledger and
        rebuild those that differ. Without a completed full rebuild everything is rebuilt.
        Returns the keys that differed and the boards rebuilt."""
        if not self.is_ready():
            try:
                result = self.rebuild()
            except RebuildInProgress:
                return {"skipped": "rebuild in progress"}
            return {"checked": result["keys"], "differing": [], "repaired": ["*"]}
        boards = self.known_boards()
        if sample is not None and sample < len(boards):
            boards = set(random.sample(sorted(boards), sample))
        keys = self.current_keys(boards)
        actual = self._redis_fingerprints(keys)
        expected = self._ledger_fingerprints(None if sample is None else boards, keys)
        differing = sorted(k for k in set(actual) | set(expected) if actual.get(k, (0, 0)) != expected.get(k, (0, 0)))
        repaired = sorted({self.parse_key(k)[0] for k in differing})
        if repaired:
            logger.warning("Leaderboard drift in %s: rebuilding %s", ", ".join(differing), ", ".join(repaired))
            try:
                self.rebuild(repaired)
            except RebuildInProgress:
                return {"checked": len(keys), "differing": differing, "repaired": [], "skipped": "rebuild in progress"}
        return {"checked": len(keys), "differing": differing, "repaired": repaired}


class FallbackBackend:
    """What ``leaderboards.get_backend()`` returns when ``REDIS_URL`` is set.

    Reads go to Redis once a full rebuild has marked the index ready, and to SQL while it is
    not ready or Redis fails (a warning is logged and Redis is left alone for ``backoff``
    seconds). Writes never raise for Redis errors: the entries this process could not index
    are remembered and indexed again (idempotently) once Redis answers; if too many were
    missed, the index is marked not ready and a repair is queued, so boards come from SQL
    until it is whole again."""

    _instance = None
    _instance_lock = threading.Lock()
    name = "redis"
    READY_CHECK_EVERY = 5.0
    PENDING_LIMIT = 10_000

    def __init__(self, redis_backend: RedisBackend, sql, *, backoff: float = 5.0):
        self.redis = redis_backend
        self.sql = sql
        self.backoff = backoff
        self._down_until = 0.0
        self._ready_until = 0.0  # the index was ready when last checked, until then
        self._lock = threading.Lock()
        self._pending_entries: deque[int] = deque()
        self._pending_members: set[int] = set()
        self._overflowed = False

    @classmethod
    def instance(cls) -> "FallbackBackend":
        if cls._instance is None:
            with cls._instance_lock:
                if cls._instance is None:
                    cls._instance = cls(RedisBackend(_client_from_settings()), leaderboards.sql_backend())
        return cls._instance

    @classmethod
    def reset(cls) -> None:
        cls._instance = None

    # --- health --------------------------------------------------------------------------

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, what: str, exc: Exception) -> None:
        self._down_until = time.monotonic() + self.backoff
        self._ready_until = 0.0
        logger.warning("Redis leaderboards unavailable (%s): %s; using SQL for %ss", what, exc, self.backoff)

    def _ready(self) -> bool:
        now = time.monotonic()
        if now < self._ready_until:
            return True
        if self.redis.is_ready():
            self._ready_until = now + self.READY_CHECK_EVERY
            return True
        return False

    def _catch_up(self) -> None:
        """Index what this process missed while Redis was away (safe to repeat)."""
        if not (self._pending_entries or self._pending_members or self._overflowed):
            return
        with self._lock:
            while self._pending_entries:
                entry_id = self._pending_entries[0]
                self.redis.index_entry(entry_id)
                self._pending_entries.popleft()
            while self._pending_members:
                member_id = next(iter(self._pending_members))
                self.redis.set_visibility(member_id)
                self._pending_members.discard(member_id)
            if self._overflowed:
                self.redis.client.delete(self.redis.ready_key)
                self._overflowed = False
                self._ready_until = 0.0
                try:
                    from . import tasks

                    tasks.repair_leaderboards.delay()
                except Exception:
                    logger.warning("Could not queue a leaderboard repair", exc_info=True)

    def _remember(self, entry_id: int | None = None, member_id: int | None = None) -> None:
        with self._lock:
            if entry_id is not None:
                if len(self._pending_entries) >= self.PENDING_LIMIT:
                    self._overflowed = True
                else:
                    self._pending_entries.append(entry_id)
            if member_id is not None:
                if len(self._pending_members) >= self.PENDING_LIMIT:
                    self._overflowed = True
                else:
                    self._pending_members.add(member_id)

    # --- the interface ---------------------------------------------------------------------

    def _read(self, method: str, *args, **kwargs):
        if self._available():
            try:
                self._catch_up()
                if self._ready():
                    return getattr(self.redis, method)(*args, **kwargs)
            except redis.RedisError as exc:
                self._failed(method, exc)
        return getattr(self.sql, method)(*args, **kwargs)

    def top(self, board: BoardKey, period: str, n: int, *, include_hidden: bool = False) -> list[Row]:
        return self._read("top", board, period, n, include_hidden=include_hidden)

    def around(
        self, board: BoardKey, period: str, member_id: int, *, include_hidden: bool = False, distance: int = NEIGHBOURS
    ) -> tuple[Row | None, list[Row]]:
        return self._read("around", board, period, member_id, include_hidden=include_hidden, distance=distance)

    def index_entry(self, entry_id: int, facts: leaderboards.EntryFacts | None = None) -> None:
        if not self._available():
            self._remember(entry_id=entry_id)
            return
        try:
            self._catch_up()
            self.redis.index_entry(entry_id, facts=facts)
        except redis.RedisError as exc:
            self._remember(entry_id=entry_id)
            self._failed("index_entry", exc)

    def index_entries(self, items: list[tuple[int, leaderboards.EntryFacts]]) -> None:
        if not self._available():
            for entry_id, _facts in items:
                self._remember(entry_id=entry_id)
            return
        try:
            self._catch_up()
            self.redis.index_entries(items)
        except redis.RedisError as exc:
            for entry_id, _facts in items:
                self._remember(entry_id=entry_id)
            self._failed("index_entries", exc)

    def set_visibility(self, member_id: int) -> None:
        if not self._available():
            self._remember(member_id=member_id)
            return
        try:
            self._catch_up()
            self.redis.set_visibility(member_id)
        except redis.RedisError as exc:
            self._remember(member_id=member_id)
            self._failed("set_visibility", exc)


def _reset_on_settings_change(*, setting, **kwargs):
    if setting in ("REDIS_URL", "LEADERBOARD_KEY_PREFIX", "LEADERBOARD_BACKEND"):
        FallbackBackend.reset()


setting_changed.connect(_reset_on_settings_change)
