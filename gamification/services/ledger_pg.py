"""The award as one PostgreSQL statement, for rules without cheat guards (no daily cap, no
cooldown), which is most of them: a lesson, a quiz, an approved story.

Data-modifying CTEs write the ledger line, the member's total, the extra board lines, the
active week and any level reached, and read back what the board index needs, in one round
trip. Why this is safe without taking the member's lock first:

* the ledger line is inserted with ``ON CONFLICT DO NOTHING`` on the (member, action, ref)
  constraint: a concurrent twin waits for the first to commit and then inserts nothing, so
  nothing else in the statement happens either (every other part selects from it);
* the total is an upsert that adds to the row it locks, so concurrent awards to one member
  serialise there and ``RETURNING total`` is this award's exact new total; the levels
  crossed (old total < threshold <= new total) follow from it without a race;
* active weeks and levels reached are ``ON CONFLICT DO NOTHING`` on their own constraints;
* the member's weekly activity rows (``ActivityWeek``, the reports' rollup: the action's
  row and the week's ``active`` row) and their board totals per period (``BoardTotal``, what
  the SQL boards rank) are upserts that add the line, so they can never disagree with the
  ledger.

Rules with a daily cap or a cooldown need to read the member's earlier lines while holding
the lock, so they keep the portable path in ``points.record_action``."""

import functools
import weakref

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from gamification.models import (
    ActiveWeek,
    ActivityWeek,
    BoardEntry,
    BoardTotal,
    Level,
    LevelReached,
    PointsEntry,
    PointsTotal,
)
from people.models import Member


def _col(model, name: str) -> str:
    return model._meta.get_field(name).column


@functools.cache
def award_sql() -> str:
    entry, total, board, week = (
        PointsEntry._meta.db_table,
        PointsTotal._meta.db_table,
        BoardEntry._meta.db_table,
        ActiveWeek._meta.db_table,
    )
    level, reached, member = Level._meta.db_table, LevelReached._meta.db_table, Member._meta.db_table
    activity, a_member = ActivityWeek._meta.db_table, _col(ActivityWeek, "member")
    totals, bt_member = BoardTotal._meta.db_table, _col(BoardTotal, "member")
    e_member, t_member = _col(PointsEntry, "member"), _col(PointsTotal, "member")
    return f"""
WITH e AS (
    INSERT INTO {entry} ({e_member}, action, ref, points, occurred_at, created_at, label, url, reason)
    VALUES (%(member)s, %(action)s, %(ref)s, %(points)s, %(occurred_at)s, %(now)s, %(label)s, %(url)s, '')
    ON CONFLICT ({e_member}, action, ref) DO NOTHING
    RETURNING id, points, occurred_at
), t_update AS (
    UPDATE {total} SET total = {total}.total + e.points, updated_at = %(now)s
    FROM e WHERE {t_member} = %(member)s
    RETURNING {total}.total
), t_insert AS (
    INSERT INTO {total} ({t_member}, total, updated_at)
    SELECT %(member)s, e.points, %(now)s FROM e WHERE NOT EXISTS (SELECT 1 FROM t_update)
    ON CONFLICT ({t_member}) DO UPDATE
        SET total = {total}.total + EXCLUDED.total, updated_at = EXCLUDED.updated_at
    RETURNING total
), t AS (
    SELECT total FROM t_update UNION ALL SELECT total FROM t_insert
), b AS (
    INSERT INTO {board} ({_col(BoardEntry, "entry")}, board, {_col(BoardEntry, "member")}, points, occurred_at)
    SELECT e.id, name, %(member)s, e.points, e.occurred_at FROM e, unnest(%(boards)s::varchar[]) AS name
), w AS (
    INSERT INTO {week} ({_col(ActiveWeek, "member")}, week)
    SELECT %(member)s, %(week)s FROM e WHERE e.points > 0
    ON CONFLICT DO NOTHING
), a AS (
    INSERT INTO {activity} ({a_member}, week, kind, action, count, points)
    SELECT %(member)s, %(week)s, k.kind, k.action, 1, e.points
    FROM e, (VALUES ('{ActivityWeek.LEDGER}', %(action)s), ('{ActivityWeek.ACTIVE}', '')) AS k(kind, action)
    ON CONFLICT ({a_member}, week, kind, action) DO UPDATE
        SET count = {activity}.count + 1, points = {activity}.points + EXCLUDED.points
), bt AS (
    INSERT INTO {totals} ({bt_member}, board, bucket, points)
    SELECT %(member)s, k.board, k.bucket, e.points
    FROM e, unnest(%(total_boards)s::varchar[], %(total_buckets)s::varchar[]) AS k(board, bucket)
    ON CONFLICT ({bt_member}, board, bucket) DO UPDATE SET points = {totals}.points + EXCLUDED.points
), l AS (
    INSERT INTO {reached} ({_col(LevelReached, "member")}, number, reached_at)
    SELECT %(member)s, lv.number, %(now)s FROM t, {level} lv
    WHERE lv.threshold > t.total - %(points)s AND lv.threshold <= t.total
    ON CONFLICT DO NOTHING
    RETURNING number
)
SELECT e.id, t.total, m.{_col(Member, "department")}, m.{_col(Member, "location")},
       m.{_col(Member, "leaderboard_visibility")}, m.{_col(Member, "is_active")},
       ARRAY(SELECT number FROM l ORDER BY number)
FROM e, t, {member} m
WHERE m.{Member._meta.pk.column} = %(member)s
"""  # noqa: S608 (table and column names come from the models, values are parameters)


class _PreparedCursor(psycopg.Cursor):
    """A server-side-binding cursor that prepares what it runs. Django's own cursors bind
    on the client (``ClientCursor``), which never prepares, and Django turns psycopg's
    automatic preparing off (``prepare_threshold=None``), under which even an explicit
    ``prepare=True`` is ignored."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


# psycopg prepares on request only while the connection has a threshold; one this high means
# "never by itself", so nothing but this statement is ever prepared on Django's connections.
_ONLY_WHEN_ASKED = 2**31 - 1


# One prepared cursor per database connection, kept: making a psycopg cursor per award cost a
# tenth of the award. Weak keys: a closed connection takes its cursor with it.
_cursors: "weakref.WeakKeyDictionary[psycopg.Connection, _PreparedCursor]" = weakref.WeakKeyDictionary()


def _prepared_cursor():
    db = connections[DEFAULT_DB_ALIAS]  # the proxy behind ``connection`` costs a lookup per attribute
    db.ensure_connection()
    db.validate_thread_sharing()
    raw = db.connection
    cursor = _cursors.get(raw)
    if cursor is None or cursor.closed:
        if raw.prepare_threshold is None:
            raw.prepare_threshold = _ONLY_WHEN_ASKED
        cursor = _cursors[raw] = _PreparedCursor(raw)
    # Django's wrapper: the statement is logged and counted like any other, errors map to
    # django.db's exceptions.
    return db.make_debug_cursor(cursor) if db.queries_logged else db.make_cursor(cursor)


def execute(params: dict) -> tuple | None:
    """Run the award and return its row (None: the same award was recorded before).

    Prepared on the server: planning this statement takes longer than running it (measured:
    0.3 ms to run, 0.6-0.9 ms to plan). Behind a pooler that cannot keep prepared statements
    (PgBouncer in transaction mode before 1.21) set ``GAMIFICATION_PREPARED_AWARDS=false``."""
    if not getattr(settings, "GAMIFICATION_PREPARED_AWARDS", True):
        with connection.cursor() as cursor:
            cursor.execute(award_sql(), params)
            return cursor.fetchone()
    cursor = _prepared_cursor()  # not closed after use: it is kept for the next award
    cursor.execute(award_sql(), params)
    return cursor.fetchone()
