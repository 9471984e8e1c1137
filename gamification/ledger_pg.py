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
* active weeks and levels reached are ``ON CONFLICT DO NOTHING`` on their own constraints.

Rules with a daily cap or a cooldown need to read the member's earlier lines while holding
the lock, so they keep the portable path in ``services.record_action``."""

import functools

from django.conf import settings

from people.models import Member

from .models import ActiveWeek, BoardEntry, Level, LevelReached, PointsEntry, PointsTotal


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


def execute(cursor, params: dict) -> tuple | None:
    """Run the award and return its row (None: the same award was recorded before).

    Prepared on the server: planning this statement takes longer than running it. Django
    leaves prepared statements off for the sake of connection poolers, so this asks for it
    on this one statement only; behind a pooler that cannot keep prepared statements
    (PgBouncer in transaction mode before 1.21) set ``GAMIFICATION_PREPARED_AWARDS=false``."""
    if getattr(settings, "GAMIFICATION_PREPARED_AWARDS", True):
        cursor.cursor.execute(award_sql(), params, prepare=True)
    else:
        cursor.execute(award_sql(), params)
    return cursor.fetchone()
