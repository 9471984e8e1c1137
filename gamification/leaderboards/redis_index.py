"""``RedisBackend``: leaderboards on Redis sorted sets, the same answers as ``SqlBackend`` in a
millisecond. How keys are named and scored: ``redis_keys``; the scripts: ``redis_scripts``;
rebuilding from the ledger and drift: ``redis_rebuild``. The ledger in the database is the
truth; everything here is an index."""

import datetime
import functools

import redis
from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from gamification.models import BoardEntry, PointsEntry, PointsTotal
from people.models import Department, LeaderboardVisibility, Location, Member

from .boards import NEIGHBOURS, BoardKey, EntryFacts, Row
from .periods import PERIODS, period_start
from .redis_keys import (
    MARKER_TTL,
    NOT_INDEXED,
    SCOPES,
    board_kind,
    bucket,
    bucket_expiry,
    buckets_of,
    client_from_settings,
    decode_member,
    encode_member,
)
from .redis_rebuild import LedgerRebuild
from .redis_scripts import AROUND_SCRIPT, FINALIZE_SCRIPT, INDEX_SCRIPT, UNLOCK_SCRIPT
from .sql import sql_backend

INDEX_CHUNK = 100  # entries per index script call: Redis runs nothing else meanwhile (~5 ms)


class RedisBackend(LedgerRebuild):
    """Sorted-set leaderboards. Reads never touch the database (prize boards excepted: they
    are scored by a formula, so they stay on SQL)."""

    name = "redis"

    def __init__(self, client: redis.Redis, *, prefix: str | None = None, sql=None):
        self.client = client
        self.prefix = prefix if prefix is not None else getattr(settings, "LEADERBOARD_KEY_PREFIX", "lb")
        self.sql = sql or sql_backend()
        self._index_script = client.register_script(INDEX_SCRIPT)
        self._around_script = client.register_script(AROUND_SCRIPT)
        self._finalize_script = client.register_script(FINALIZE_SCRIPT)
        self._unlock_script = client.register_script(UNLOCK_SCRIPT)

    @classmethod
    def from_settings(cls, **client_options) -> "RedisBackend":
        return cls(client_from_settings(**client_options))

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

    @property
    def lock_key(self) -> str:
        return f"{self.prefix}:rebuild-lock"

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

    def index_entry(self, entry_id: int, facts: EntryFacts | None = None) -> bool:
        """Add one ledger entry's points to every board it counts on, once: a retried call
        finds the entry's marker and changes nothing. Reads the entry in one query unless
        the award hands over what it already read; then one Redis round trip is all."""
        if facts is None:
            facts = self._read_entry(entry_id)
            if facts is None:
                return False  # rolled back or deleted: nothing to count
        return self.index_entries([(entry_id, facts)]) == 1

    def _index_args(self, entry_id: int, facts: EntryFacts) -> list:
        (week, week_expiry), (month, month_expiry) = buckets_of(facts.occurred_at)
        names = []
        if facts.active:  # inactive members are on no board, as in SQL
            names = self._entry_boards(
                department_id=facts.department_id, location_id=facts.location_id, boards=sorted(facts.boards)
            )
        scopes = 1 if facts.visibility == LeaderboardVisibility.HIDDEN else len(SCOPES)
        head = [entry_id, encode_member(facts.member_id), facts.points, scopes, week, week_expiry, month, month_expiry]
        return [*head, len(names), *names]

    def index_entries(self, items: list[tuple[int, EntryFacts]]) -> int:
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

    def _read_entry(self, entry_id: int) -> EntryFacts | None:
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
        return EntryFacts(
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
        buckets = {p: bucket(p, now) for p in PERIODS}
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
            for period in PERIODS:
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
