"""Leaderboards: one interface, two interchangeable backends.

* ``sql.SqlBackend`` ranks the totals kept per board and period bucket as points are
  recorded (``BoardTotal``, ``PointsTotal``; SQLite and PostgreSQL), reading who is on a board
  from the members; ``sql_ledger.LedgerSqlBackend`` ranks the ledger itself with window
  functions (prize boards, and the reference the tests and benchmarks compare with).
* ``redis_index.RedisBackend`` keeps sorted sets updated as points are recorded; chosen when
  ``REDIS_URL`` is set, behind ``fallback.FallbackBackend``. It is an index:
  ``rebuild_leaderboards`` rebuilds it from the ledger (``redis_rebuild``), and if Redis is
  down boards fall back to SQL.

``backend.get_backend()`` picks one. Board names, periods and rows are in ``boards`` and
``periods``; the pages and the API read boards through ``gamification.selectors.boards``,
awards reach the index through ``gamification.services.boards``.

Boards: ``all``, ``department-<id>``, ``location-<id>``, ``challenge-<id>`` (or any other
scope a caller passed to ``record_action``), and ``prize-<id>`` (scored by the prize's
formula, see ``gamification.scoring``). Periods: ``all``, ``week``, ``month``. Ranking is
competition ranking (1, 2, 2, 4); ties are listed by member id so the order is stable.
"""
