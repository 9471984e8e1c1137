"""Leaderboards: one interface, two interchangeable backends.

* ``SqlBackend`` ranks straight from the ledger with window functions (SQLite and
  PostgreSQL): always right, slower on large organisations.
* ``RedisBackend`` (``leaderboards_redis``) keeps sorted sets updated as points are
  recorded; chosen when ``REDIS_URL`` is set. It is an index: ``rebuild_leaderboards``
  rebuilds it from the ledger, and if Redis is down boards fall back to SQL.

Boards: ``all``, ``department-<id>``, ``location-<id>``, ``challenge-<id>`` (or any other
scope a caller passed to ``record_action``), and ``prize-<id>`` (scored by the prize's
formula, see ``prizes``). Periods: ``all``, ``week``, ``month``. Ranking is competition
ranking (1, 2, 2, 4); ties are listed by member id so the order is stable.
"""

import datetime
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import F, Sum
from django.utils import timezone

from core.memo import first_in
from people.models import LeaderboardVisibility, Member

from .coalesce import CoalescedSet
from .models import BoardEntry, PointsEntry, PointsTotal, board_name_validator

logger = logging.getLogger(__name__)

PERIODS = ("all", "week", "month")
NEIGHBOURS = 2


class UnknownBoard(ValueError):
    pass


@dataclass(frozen=True)
class BoardKey:
    kind: str  # all, department, location, prize, or a caller's scope such as challenge
    id: int | None = None

    @property
    def name(self) -> str:
        return self.kind if self.id is None else f"{self.kind}-{self.id}"


def parse_board(name: str) -> BoardKey:
    try:
        board_name_validator(name)
    except Exception:
        raise UnknownBoard(name) from None
    if name == "all":
        return BoardKey("all")
    kind, _, number = name.partition("-")
    if not number:
        raise UnknownBoard(name)
    return BoardKey(kind, int(number))


def period_start(period: str, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Start of the current week (Monday) or month in local time; None for all-time."""
    if period not in PERIODS:
        raise ValueError(f"Unknown period {period!r}")
    if period == "all":
        return None
    local = timezone.localtime(now or timezone.now())
    day = local.date()
    start = day - datetime.timedelta(days=day.weekday()) if period == "week" else day.replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


@dataclass(frozen=True)
class Row:
    rank: int
    member_id: int
    points: int


RANKED_SQL = (
    "SELECT member_id, points, "
    "RANK() OVER (ORDER BY points DESC) AS rnk, "
    "ROW_NUMBER() OVER (ORDER BY points DESC, member_id ASC) AS rn "
    "FROM ({base}) base"
)


class SqlBackend:
    name = "sql"

    def source(self, board: BoardKey, period: str, include_hidden: bool):
        """A queryset of (member_id, points) for the board and period."""
        start = period_start(period)
        if board.kind == "prize":
            from django.core.exceptions import ObjectDoesNotExist

            from . import prizes

            try:
                return prizes.score_queryset(prize_id=board.id, include_hidden=include_hidden)
            except ObjectDoesNotExist:
                raise UnknownBoard(board.name) from None
        if board.kind not in ("all", "department", "location"):
            qs = BoardEntry.objects.filter(board=board.name)  # a caller's scope, e.g. challenge-7
        elif start is None:
            qs = PointsTotal.objects.all()
        else:
            qs = PointsEntry.objects.all()
        if start is not None:
            qs = qs.filter(occurred_at__gte=start)
        if board.kind == "department":
            qs = qs.filter(member__department_id=board.id)
        elif board.kind == "location":
            qs = qs.filter(member__location_id=board.id)
        qs = qs.filter(member__is_active=True)
        if not include_hidden:
            qs = qs.exclude(member__leaderboard_visibility=LeaderboardVisibility.HIDDEN)
        if qs.model is PointsTotal:  # already one row per member
            return qs.annotate(points=F("total")).values("member_id", "points")
        return qs.values("member_id").annotate(points=Sum("points")).values("member_id", "points")

    def _ranked_sql(self, board, period, include_hidden):
        base_sql, params = self.source(board, period, include_hidden).query.sql_with_params()
        # base_sql comes from the ORM and every value in it is a parameter.
        ranked = RANKED_SQL.format(base=base_sql)
        return ranked, list(params)

    def top(self, board: BoardKey, period: str, n: int, *, include_hidden: bool = False) -> list[Row]:
        ranked, params = self._ranked_sql(board, period, include_hidden)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT member_id, points, rnk FROM ({ranked}) r WHERE rn <= %s ORDER BY rn", [*params, n])  # noqa: S608
            return [Row(rank=rank, member_id=member_id, points=points) for member_id, points, rank in cursor.fetchall()]

    def around(
        self, board: BoardKey, period: str, member_id: int, *, include_hidden: bool = False, distance: int = NEIGHBOURS
    ) -> tuple[Row | None, list[Row]]:
        ranked, params = self._ranked_sql(board, period, include_hidden)
        # Scalar subqueries, not a join with "me": a join makes both databases rescan the
        # ranking for every row (quadratic; seconds at 100,000 members).
        sql = (
            f"WITH ranked AS ({ranked}), me AS (SELECT rn FROM ranked WHERE member_id = %s) "  # noqa: S608
            "SELECT r.member_id, r.points, r.rnk, r.rn - (SELECT rn FROM me) FROM ranked r "
            "WHERE r.rn BETWEEN (SELECT rn FROM me) - %s AND (SELECT rn FROM me) + %s ORDER BY r.rn"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, member_id, distance, distance])
            rows = cursor.fetchall()
        me, neighbours = None, []
        for row_member, points, rank, offset in rows:
            row = Row(rank=rank, member_id=row_member, points=points)
            if offset == 0:
                me = row
            else:
                neighbours.append(row)
        return me, neighbours

    def index_entry(self, entry_id: int, facts: "EntryFacts | None" = None) -> None:
        """Nothing to index: SQL reads the ledger."""

    def set_visibility(self, member_id: int) -> None:
        """Nothing to move: SQL filters at read time."""


_sql = SqlBackend()


def get_backend():
    if settings.REDIS_URL and getattr(settings, "LEADERBOARD_BACKEND", "redis") == "redis":
        from .leaderboards_redis import FallbackBackend

        return FallbackBackend.instance()
    return _sql


def sql_backend() -> SqlBackend:
    return _sql


@dataclass(frozen=True)
class EntryFacts:
    """What indexing a new ledger entry needs, when the award already read it (saves the
    index a query): the entry and its member as they were when it was committed."""

    member_id: int
    points: int
    occurred_at: datetime.datetime
    department_id: int | None
    location_id: int | None
    visibility: str
    active: bool
    boards: tuple[str, ...]


def index_entry(entry_id: int) -> None:
    """Count a committed ledger entry on the boards' index (read from the ledger)."""
    backend = get_backend()
    if backend.name != "sql":  # SQL boards read the ledger itself
        backend.index_entry(entry_id)


def index_entries(items: list[tuple[int, EntryFacts]]) -> None:
    """Count committed entries whose facts the award already read: one Redis round trip."""
    backend = get_backend()
    if items and backend.name != "sql":
        backend.index_entries(items)


# --- presenting a board ------------------------------------------------------------------


def present(rows: list[Row], *, viewer: Member | None) -> list[dict]:
    """Rows with names, as a viewer may see them: members who chose to be anonymous stay
    anonymous (Masters see everyone; a viewer always sees themself). ``viewer=None`` is
    the public view that live broadcasts carry."""
    from django.utils.translation import gettext as _

    members = {
        m.pk: m
        for m in Member.objects.filter(pk__in=[r.member_id for r in rows]).only(
            "id", "display_name", "first_name", "last_name", "email", "leaderboard_visibility"
        )
    }
    sees_all = viewer is not None and viewer.is_master
    result = []
    for row in rows:
        member = members.get(row.member_id)
        named = member is not None and (
            sees_all
            or member.leaderboard_visibility == LeaderboardVisibility.VISIBLE
            or (viewer is not None and member.pk == viewer.pk)
        )
        item = {
            "rank": row.rank,
            "member": {
                "id": row.member_id if named else None,
                "name": member.name if named else str(_("Anonymous ambassador")),
            },
            "points": row.points,
        }
        if viewer is not None:
            item["me"] = row.member_id == viewer.pk
        result.append(item)
    return result


def board_payload(board: BoardKey, period: str, *, viewer: Member, n: int = 10) -> dict:
    """The API's board answer: top N, and the viewer's rank with two neighbours each side.
    ``neighbourhood`` (not in the API schema) is the same stretch with the viewer in it."""
    backend = get_backend()
    include_hidden = viewer.is_master
    top = backend.top(board, period, n, include_hidden=include_hidden)
    me, neighbours = backend.around(board, period, viewer.pk, include_hidden=include_hidden)
    payload = {"board": board.name, "period": period, "results": present(top, viewer=viewer), "me": None}
    if me is not None:
        stretch = sorted([*neighbours, me], key=lambda row: (-row.points, row.member_id))
        presented = present(stretch, viewer=viewer)
        payload["me"] = {"rank": me.rank, "points": me.points, "neighbours": [r for r in presented if not r["me"]]}
        payload["neighbourhood"] = presented
    return payload


# --- live updates --------------------------------------------------------------------------


def group_name(board: str) -> str:
    return f"leaderboard-{board}"


BROADCAST_EVERY = 1  # second; at most one broadcast per board per interval (coalescing)


def _schedule_dirty_run(countdown: float) -> None:
    from .tasks import broadcast_dirty_boards

    broadcast_dirty_boards.apply_async(countdown=countdown)


dirty_boards = CoalescedSet("gamification:boards:dirty", BROADCAST_EVERY, _schedule_dirty_run)


def schedule_broadcasts(boards: Iterable[str]) -> None:
    """Ask for broadcasts of these boards soon; many awards within a second make one broadcast
    per board. With a worker, the boards join the dirty set that one task per second
    broadcasts (a message per board or per award cost more than the award). Without one
    (eager Celery), each board waits out its second in a timer thread."""
    if not getattr(settings, "LEADERBOARD_BROADCASTS", True):
        return
    try:
        if settings.REDIS_URL and not settings.CELERY_TASK_ALWAYS_EAGER:
            dirty_boards.add(boards)
            return
        due = [board for board in sorted(set(boards)) if first_in(f"leaderboard:broadcast:{board}", BROADCAST_EVERY)]
        if due:
            timer = threading.Timer(BROADCAST_EVERY, _broadcast_in_thread, args=[due])
            timer.daemon = True
            timer.start()
    except Exception:
        logger.warning("Could not schedule broadcasts", exc_info=True)


def _broadcast_in_thread(boards: list[str]) -> None:
    from .tasks import broadcast_boards

    try:
        broadcast_boards(boards)
    except Exception:
        logger.warning("Broadcast of boards %s failed", boards, exc_info=True)
    finally:
        connection.close()


def public_top(board_name: str, n: int = 10) -> dict:
    """What every listener of a board may see: the all-time top N without hidden members."""
    rows = get_backend().top(parse_board(board_name), "all", n, include_hidden=False)
    return {"type": "board.update", "board": board_name, "period": "all", "results": present(rows, viewer=None)}
