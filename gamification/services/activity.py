"""The weekly activity rollup (``ActivityWeek``): added to as activity is recorded, in the
recording transaction, and rebuilt from its sources by ``rebuild_activity_weeks``.

Ledger lines are counted by ``record_action`` itself (``points._apply`` and the statement in
``ledger_pg``), twice: in the line's per-action row and in the member's ``active`` row of
the week; the apps above count what they record with ``count_activity`` and a plain word
(``lessons``, ``courses``, ``shares``), as they name boards."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncDate

from gamification.leaderboards.periods import week_start
from gamification.models import ActivityWeek

_UPSERTS: dict[int, str] = {}


def _upsert_sql(rows: int) -> str:
    sql = _UPSERTS.get(rows)
    if sql is None:
        table, member = ActivityWeek._meta.db_table, ActivityWeek._meta.get_field("member").column
        values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * rows)
        sql = _UPSERTS[rows] = f"""
INSERT INTO {table} ({member}, week, kind, action, count, points) VALUES {values}
ON CONFLICT ({member}, week, kind, action) DO UPDATE
SET count = {table}.count + EXCLUDED.count, points = {table}.points + EXCLUDED.points
"""  # noqa: S608 (names from the model, values are parameters)
    return sql


def count_activity(
    *, member_id: int, kind: str, at: datetime.datetime, action: str = "", count: int = 1, points: int = 0
) -> None:
    """Add ``count`` (and ``points``) to ``member_id``'s row for ``kind`` (and ``action``) in
    the week ``at`` falls in (Monday, Europe/Amsterdam); a ledger line also to the member's
    ``active`` row of that week. One upsert statement, in the caller's transaction: call it
    where the counted row is created, only when it is new, so a retry counts nothing twice.
    Locks the rollup rows until the caller commits. Returns nothing, raises nothing of its
    own."""
    week = week_start(at)
    params = [member_id, week, kind, action, count, points]
    if kind == ActivityWeek.LEDGER:
        params += [member_id, week, ActivityWeek.ACTIVE, "", count, points]
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(len(params) // 6), params)


@dataclass(frozen=True)
class Source:
    """What one ``kind`` counts, for the rebuild: rows of ``queryset``, by the member at
    ``member_path`` and the moment in ``date_field``."""

    kind: str
    queryset: QuerySet
    date_field: str
    member_path: str = "member"


def _weeks(qs: QuerySet, date_field: str, member_path: str, extra: Iterable[str] = ()):
    """Rows per (member, local day, *extra) with their count and points, in SQL; the days are
    folded into weeks in Python (a day's week is plain date arithmetic)."""
    member_key = f"{member_path}_id" if "__" not in member_path else member_path
    rows = (
        qs.order_by()
        .annotate(day=TruncDate(date_field))
        .values(member_key, "day", *extra)
        .annotate(n=Count("pk"), p=Sum("points") if extra else Count("pk"))
        .values_list(member_key, "day", *extra, "n", "p")
    )
    return rows.iterator(chunk_size=5000)


@transaction.atomic
def rebuild(*, ledger: QuerySet, sources: Iterable[Source], batch: int = 5000) -> int:
    """Replace the whole rollup with what ``ledger`` (``PointsEntry`` rows) and ``sources``
    say. Locks the rollup table (``ActivityWeek`` rows are deleted and rewritten in one
    transaction, so a reader sees the old or the new rollup, and an award waits). Returns
    the number of rows written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {ActivityWeek._meta.db_table} IN EXCLUSIVE MODE")  # noqa: S608
    ActivityWeek.objects.all().delete()
    acc: dict[tuple, list[int]] = {}
    for member_id, day, action, n, p in _weeks(ledger, "occurred_at", "member", ("action",)):
        week = day - datetime.timedelta(days=day.weekday())
        for key in ((member_id, week, ActivityWeek.LEDGER, action), (member_id, week, ActivityWeek.ACTIVE, "")):
            row = acc.setdefault(key, [0, 0])
            row[0] += n
            row[1] += p or 0
    for source in sources:
        for member_id, day, n, _p in _weeks(source.queryset, source.date_field, source.member_path):
            if member_id is None:
                continue
            key = (member_id, day - datetime.timedelta(days=day.weekday()), source.kind, "")
            row = acc.setdefault(key, [0, 0])
            row[0] += n
    # Written in the order reports read them (a kind's weeks), so a week's rows share pages.
    objs = [
        ActivityWeek(member_id=m, week=w, kind=k, action=a, count=c, points=p)
        for (m, w, k, a), (c, p) in sorted(acc.items(), key=lambda item: (item[0][2], item[0][1], item[0][0]))
    ]
    ActivityWeek.objects.bulk_create(objs, batch_size=batch)
    if connection.vendor == "postgresql":
        # Fresh statistics for the new rows: without them the planner takes the rewritten
        # table for a few rows and joins it by nested loops (measured: the year's dashboard 3x slower),
        # until autovacuum gets round to it, if it runs at all.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ActivityWeek._meta.db_table}")  # noqa: S608
    return len(objs)


def vacuum() -> None:
    """After a rebuild, on PostgreSQL and outside a transaction: ``VACUUM (ANALYZE)`` the
    rollup, so its index answers the reports without visiting the table (what autovacuum
    would do later, where it runs). Locks nothing that readers or awards wait for. Does
    nothing on SQLite or inside a transaction; raises nothing of its own."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {ActivityWeek._meta.db_table}")  # noqa: S608
