"""Period totals per board (``BoardTotal``): added to as ledger lines are recorded, in the
recording transaction, and rebuilt from the ledger by ``rebuild_board_totals``.

``record_action`` (``points._apply``, and the statement in ``ledger_pg``) and
``correct_points`` count every line here; the SQL boards (``leaderboards.sql``) rank these
rows, so a week board reads one bucket's rows instead of aggregating the week's ledger."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from gamification.leaderboards.periods import day_buckets
from gamification.models import BoardEntry, BoardTotal, PointsEntry

# Boards a caller's BoardEntry may name that the SQL boards never read from BoardEntry: the
# member's own boards are the ``all`` rows, a prize board is scored by its formula.
NOT_COUNTED = ("all", "department", "location", "prize")


def counted_boards(boards: Iterable[str]) -> list[str]:
    """The caller's boards that get totals of their own, sorted (a fixed order of row locks)."""
    return sorted({b for b in boards if b and b.partition("-")[0] not in NOT_COUNTED})


def keys_for(at: datetime.datetime, boards: Iterable[str]) -> list[tuple[str, str]]:
    """(board, bucket) of every total a line at ``at`` on ``boards`` (the caller's) adds to,
    sorted: the whole organisation's week and month, and each counted board's all-time,
    week and month."""
    week, month = day_buckets(timezone.localtime(at).date())
    keys = [("all", week), ("all", month)]
    for board in counted_boards(boards):
        keys += [(board, "all"), (board, week), (board, month)]
    return sorted(keys)


_UPSERT: dict[int, str] = {}


def _upsert_sql(rows: int) -> str:
    if rows not in _UPSERT:
        table, member = BoardTotal._meta.db_table, BoardTotal._meta.get_field("member").column
        values = ", ".join(["(%s, %s, %s, %s)"] * rows)
        _UPSERT[rows] = f"""
INSERT INTO {table} ({member}, board, bucket, points) VALUES {values}
ON CONFLICT ({member}, board, bucket) DO UPDATE SET points = {table}.points + EXCLUDED.points
"""  # noqa: S608 (names from the model, values are parameters)
    return _UPSERT[rows]


def count_points(*, member_id: int, points: int, at: datetime.datetime, boards: Iterable[str] = ()) -> None:
    """Add a new ledger line's ``points`` (negative for a correction) to its totals: one
    upsert statement (``INSERT … ON CONFLICT DO UPDATE``, on PostgreSQL and SQLite) in the
    caller's transaction, so a line and its totals commit or roll back together. Call it
    once per new line. Locks the member's total rows (in a fixed order) until the caller
    commits. Returns nothing, raises nothing of its own."""
    keys = keys_for(at, boards)
    params = []
    for board, bucket in keys:
        params += [member_id, board, bucket, points]
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(len(keys)), params)


def _ledger_totals(entries, lines) -> dict[tuple[int, str, str], int]:
    """Every (member, board, bucket) total the ledger (``entries``, ``lines``: querysets of
    ``PointsEntry`` and ``BoardEntry``) gives, from sums per member and local day
    (``TruncDate`` in ``TIME_ZONE`` on both databases) folded into weeks and months."""
    totals: dict[tuple[int, str, str], int] = defaultdict(int)
    days = (
        entries.order_by()
        .annotate(day=TruncDate("occurred_at"))
        .values("member_id", "day")
        .annotate(points=Sum("points"))
        .values_list("member_id", "day", "points")
    )
    for member_id, day, points in days.iterator(chunk_size=20_000):
        for bucket in day_buckets(day):
            totals[(member_id, "all", bucket)] += points
    lines = (
        lines.order_by()
        .annotate(day=TruncDate("occurred_at"))
        .values("member_id", "board", "day")
        .annotate(points=Sum("points"))
        .values_list("member_id", "board", "day", "points")
    )
    for member_id, board, day, points in lines.iterator(chunk_size=20_000):
        if not counted_boards([board]):
            continue
        totals[(member_id, board, "all")] += points
        for bucket in day_buckets(day):
            totals[(member_id, board, bucket)] += points
    return totals


def _rebuild_in_postgres(table: str, entry: str, board: str) -> None:
    """The same totals in ``INSERT … SELECT``s: nothing crosses the wire."""
    local = "(occurred_at AT TIME ZONE %(tz)s)"
    week = f"'w' || to_char(date_trunc('week', {local}), 'YYYY-MM-DD')"
    month = f"'m' || to_char({local}, 'YYYY-MM')"
    skipped = "split_part(board, '-', 1) NOT IN ('all', 'department', 'location', 'prize')"
    params = {"tz": settings.TIME_ZONE}
    with connection.cursor() as cursor:
        for bucket in (week, month):
            cursor.execute(
                f"INSERT INTO {table} (member_id, board, bucket, points) "  # noqa: S608
                f"SELECT member_id, 'all', {bucket}, SUM(points) FROM {entry} GROUP BY 1, 3",
                params,
            )
        for bucket in ("'all'", week, month):
            cursor.execute(
                f"INSERT INTO {table} (member_id, board, bucket, points) "  # noqa: S608
                f"SELECT member_id, board, {bucket}, SUM(points) FROM {board} WHERE {skipped} GROUP BY 1, 2, 3",
                params,
            )


@transaction.atomic
def rebuild(*, batch: int = 10_000, models: tuple | None = None) -> int:
    """Replace every period total with what the ledger says. Locks the totals table (rows
    are deleted and written again in one transaction: a reader sees the old or the new
    totals, and an award waits for the rebuild to commit). Returns the number of rows.
    ``models``: (``PointsEntry``, ``BoardEntry``, ``BoardTotal``) as a migration has them."""
    entry_model, board_model, total_model = models or (PointsEntry, BoardEntry, BoardTotal)
    table = total_model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")  # noqa: S608
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        _rebuild_in_postgres(table, entry_model._meta.db_table, board_model._meta.db_table)
        return total_model.objects.count()
    total_model.objects.all().delete()
    rows = [
        total_model(member_id=member_id, board=board, bucket=bucket, points=points)
        for (member_id, board, bucket), points in _ledger_totals(
            entry_model.objects.all(), board_model.objects.all()
        ).items()
    ]
    total_model.objects.bulk_create(rows, batch_size=batch)
    return len(rows)
