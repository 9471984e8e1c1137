"""``LedgerSqlBackend``: boards ranked straight from the ledger with window functions, on SQLite
and PostgreSQL, every request. The naive way, kept as the reference the period totals
(``sql.SqlBackend``) and the Redis index are checked against in the tests and measured
against in the benchmarks (docs/benchmarks.md); prize boards (scored by a formula) are still
answered here."""

from django.db import connection
from django.db.models import F, Sum

from gamification import scoring
from gamification.models import BoardEntry, PointsEntry, PointsTotal
from people.models import LeaderboardVisibility

from .boards import NEIGHBOURS, BoardKey, EntryFacts, Row
from .periods import period_start

RANKED_SQL = (
    "SELECT member_id, points, "
    "RANK() OVER (ORDER BY points DESC) AS rnk, "
    "ROW_NUMBER() OVER (ORDER BY points DESC, member_id ASC) AS rn "
    "FROM ({base}) base"
)


class LedgerSqlBackend:
    name = "sql"

    def source(self, board: BoardKey, period: str, include_hidden: bool):
        """A queryset of (member_id, points) for the board and period. A prize board of no
        prize period raises ``UnknownPrize`` (an ``UnknownBoard``)."""
        start = period_start(period)
        if board.kind == "prize":
            return scoring.score_queryset(prize_id=board.id, include_hidden=include_hidden)
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

    def index_entry(self, entry_id: int, facts: EntryFacts | None = None) -> None:
        """Nothing to index: SQL reads the ledger."""

    def set_visibility(self, member_id: int) -> None:
        """Nothing to move: SQL filters at read time."""


_ledger = LedgerSqlBackend()


def ledger_backend() -> LedgerSqlBackend:
    return _ledger
