"""``SqlBackend``: boards ranked in SQL (SQLite and PostgreSQL) from the totals kept as points
are recorded: ``PointsTotal`` for the all-time boards of the organisation, its departments
and locations, ``BoardTotal`` for every period and for a caller's boards (``challenge-7``).
A board is one bucket's rows, read along the index (``board``, ``bucket``, points
descending, member): the top is the first rows, a member's rank the number of rows above.

Who is on a board is decided when it is read, from the member's row, exactly as ranking the
ledger did (``sql_ledger``, the reference the tests compare with): active members only,
without hidden ones unless the viewer sees them, and department and location boards hold
the members who are in that department or location now, with all their points.

Prize boards are scored by their formula and stay with ``sql_ledger``.

One known difference with the ledger ranking, shared with the Redis index: a line dated in a
later week or month (``occurred_at`` in the future) counts in that bucket here, while the
ledger ranking counts it in the current period already (it takes every line from the
period's start on, without an end)."""

import functools

from django.db import connection

from gamification.models import BoardTotal, PointsTotal
from people.models import LeaderboardVisibility, Member

from .boards import NEIGHBOURS, BoardKey, EntryFacts, Row
from .periods import bucket, check_period
from .sql_ledger import ledger_backend

MEMBER_BOARDS = ("all", "department", "location")


@functools.cache
def _tables() -> dict[str, str]:
    member = Member._meta

    def column(meta, name):
        return meta.get_field(name).column

    return {
        "member": member.db_table,
        "member_pk": member.pk.column,
        "active": column(member, "is_active"),
        "visibility": column(member, "leaderboard_visibility"),
        "department": column(member, "department"),
        "location": column(member, "location"),
        "all_time": PointsTotal._meta.db_table,
        "all_time_member": column(PointsTotal._meta, "member"),
        "totals": BoardTotal._meta.db_table,
        "totals_member": column(BoardTotal._meta, "member"),
    }


def _board_rows(board: BoardKey, period: str, include_hidden: bool) -> tuple[str, str, str, list]:
    """(``FROM … WHERE …`` of the board's rows as ``t``, the points column, the member
    column, params).

    Members off the board (inactive, or hidden unless the viewer sees them) are left out by
    an anti-join on the small partial index of them (``people``'s ``member_off_boards``),
    whose condition is written out here as it is there, so both databases use it: joining
    every member to test them cost a scan of all members per query. Department and location
    boards take the rows of that department's or location's members."""
    names = _tables()
    if period == "all" and board.kind in MEMBER_BOARDS:
        source, points, member = names["all_time"], "t.total", f"t.{names['all_time_member']}"
        where, params = [], []
    else:
        source, points, member = names["totals"], "t.points", f"t.{names['totals_member']}"
        where = ["t.board = %s", "t.bucket = %s"]
        params = ["all" if board.kind in MEMBER_BOARDS else board.name, bucket(period)]
    off = f"NOT o.{names['active']}"
    if not include_hidden:
        off = f"({off} OR o.{names['visibility']} = '{LeaderboardVisibility.HIDDEN.value}')"
    # Names come from the models, the one literal from LeaderboardVisibility; values are params.
    members = names["member"]
    where.append(f"NOT EXISTS (SELECT 1 FROM {members} o WHERE o.{names['member_pk']} = {member} AND {off})")  # noqa: S608
    if board.kind in ("department", "location"):
        where.append(f"{member} IN (SELECT d.{names['member_pk']} FROM {members} d WHERE d.{names[board.kind]} = %s)")  # noqa: S608
        params.append(board.id)
    return f"FROM {source} t WHERE {' AND '.join(where)}", points, member, params


class SqlBackend:
    name = "sql"

    def __init__(self, ledger=None):
        self.ledger = ledger or ledger_backend()

    def top(self, board: BoardKey, period: str, n: int, *, include_hidden: bool = False) -> list[Row]:
        """The first ``n`` rows: one query that reads them along the index. Ranks follow
        from the order (1, 2, 2, 4: a row with fewer points than the one before it is ranked
        by its position)."""
        check_period(period)
        if board.kind == "prize":
            return self.ledger.top(board, period, n, include_hidden=include_hidden)
        if n <= 0:
            return []
        rows_sql, points, member, params = _board_rows(board, period, include_hidden)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {member}, {points} {rows_sql} ORDER BY {points} DESC, {member} ASC LIMIT %s",  # noqa: S608
                [*params, n],
            )
            raw = cursor.fetchall()
        rows, previous, rank = [], None, 0
        for position, (member_id, member_points) in enumerate(raw):
            if member_points != previous:
                rank, previous = position + 1, member_points
            rows.append(Row(rank=rank, member_id=member_id, points=member_points))
        return rows

    def around(
        self, board: BoardKey, period: str, member_id: int, *, include_hidden: bool = False, distance: int = NEIGHBOURS
    ) -> tuple[Row | None, list[Row]]:
        """The member's row and ``distance`` rows each side: one query for the rows (each
        side read along the index from the member's place), one that counts the rows above
        them, for the ranks. None and [] when the member is not on the board."""
        check_period(period)
        if board.kind == "prize":
            return self.ledger.around(board, period, member_id, include_hidden=include_hidden, distance=distance)
        rows_sql, points, member, params = _board_rows(board, period, include_hidden)
        mine = "(SELECT p FROM me)"
        sides = {  # (condition, order): the nearest rows first
            "eq_above": (f"{points} = {mine} AND {member} < %s", f"{member} DESC"),
            "gt": (f"{points} > {mine}", f"{points} ASC, {member} DESC"),
            "eq_below": (f"{points} = {mine} AND {member} > %s", f"{member} ASC"),
            "lt": (f"{points} < {mine}", f"{points} DESC, {member} ASC"),
        }
        ctes = [f"me AS (SELECT {points} AS p {rows_sql} AND {member} = %s)"]
        sql_params = [*params, member_id]
        selects = ["SELECT 'me', 0, p FROM me"]
        for name, (condition, order) in sides.items():
            ctes.append(
                f"{name} AS (SELECT {member} AS member_id, {points} AS p {rows_sql} AND {condition} "
                f"ORDER BY {order} LIMIT %s)"
            )
            sql_params += [*params, *([member_id] if "%s" in condition else []), distance]
            selects.append(f"SELECT '{name}', member_id, p FROM {name}")  # noqa: S608 (names of the CTEs above)
        sql = f"WITH {', '.join(ctes)} {' UNION ALL '.join(selects)}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            found: dict[str, list[tuple[int, int]]] = {}
            for side, row_member, row_points in cursor.fetchall():
                found.setdefault(side, []).append((row_member, row_points))
            if "me" not in found:
                return None, []
            my_points = found["me"][0][1]
            above = (found.get("eq_above", []) + found.get("gt", []))[:distance][::-1]
            below = (found.get("eq_below", []) + found.get("lt", []))[:distance]
            top_points = above[0][1] if above else my_points
            cursor.execute(
                f"SELECT COUNT(CASE WHEN {points} > %s THEN 1 END), COUNT(CASE WHEN {points} > %s THEN 1 END), "  # noqa: S608
                f"COUNT(CASE WHEN {points} = %s AND {member} < %s THEN 1 END) {rows_sql} AND {points} >= %s",
                [top_points, my_points, my_points, member_id, *params, my_points],
            )
            above_top, above_me, tied_before_me = cursor.fetchone()
        stretch = [*above, (member_id, my_points), *below]
        first_position = above_me + tied_before_me - len(above)  # 0-based place of the stretch's first row
        me, neighbours, previous, rank = None, [], None, 0
        for i, (row_member, row_points) in enumerate(stretch):
            if previous is None:
                rank = above_top + 1
            elif row_points != previous:
                rank = first_position + i + 1
            previous = row_points
            row = Row(rank=rank, member_id=row_member, points=row_points)
            if row_member == member_id:
                me = row
            else:
                neighbours.append(row)
        return me, neighbours

    def index_entry(self, entry_id: int, facts: EntryFacts | None = None) -> None:
        """Nothing to index: the totals were written with the ledger line."""

    def set_visibility(self, member_id: int) -> None:
        """Nothing to move: who is on a board is read from the member."""


_sql = SqlBackend()


def sql_backend() -> SqlBackend:
    return _sql
