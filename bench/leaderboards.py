"""Leaderboard benchmark: SQL on SQLite, SQL on PostgreSQL and Redis, side by side.

For each size a worker process per database loads the same seeded dataset with bulk SQL
(COPY on PostgreSQL, executemany on SQLite; never the ORM row by row), then measures

* latency of "top 10", "me and my neighbours" and both together (what a board page asks),
  p50 and p99, for the all-time board and this month's board of the whole organisation;
* ``record_action`` throughput in one process (real calls: ledger, totals, levels, board
  index, broadcast scheduling and badge task queued on the Redis broker).

The PostgreSQL worker also builds the Redis index from the ledger (``rebuild``, timed) and
measures the Redis backend on the same data. ``bench/run.py`` (``make bench``) runs the
workers and writes ``docs/benchmarks.md``. Usage of a worker::

    python bench/leaderboards.py --db postgres --members 100000 --entries 5000000 --out r.json
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPARTMENTS = 50
LOCATIONS = 20
CHALLENGES = 20
ACTIONS = ("lesson_completed", "story_approved", "story_shared", "share_click", "session_attended")
POINTS = (1, 2, 3, 5, 10, 20)
POINT_WEIGHTS = (30, 25, 20, 15, 8, 2)
BOARD_SHARE = 0.05  # entries that also count on a challenge board
KEY_PREFIX = "benchlb"
PG_DATABASE = os.environ.get("BENCH_DB", "bench_socialshift")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


# --- dataset -----------------------------------------------------------------------------------


def member_rows(members: int, seed: int, now: datetime.datetime):
    """(id, department, location, visibility, active) for every member, seeded."""
    rng = random.Random(seed)
    for member_id in range(1, members + 1):
        draw = rng.random()
        visibility = "hidden" if draw < 0.03 else "anonymous" if draw < 0.10 else "visible"
        yield member_id, rng.randint(1, DEPARTMENTS), rng.randint(1, LOCATIONS), visibility, rng.random() >= 0.01


def entry_rows(members: int, entries: int, seed: int, now: datetime.datetime):
    """(id, member, action, ref, points, occurred_at, board or None) over the past year;
    some members are far more active than others, so totals spread and also tie."""
    rng = random.Random(seed + 1)
    year = 365 * 86400
    choices = rng.choices
    for entry_id in range(1, entries + 1):
        member_id = int(members * rng.random() ** 2) + 1
        points = choices(POINTS, POINT_WEIGHTS)[0]
        occurred_at = now - datetime.timedelta(seconds=rng.random() * year)
        board = f"challenge-{rng.randint(1, CHALLENGES)}" if rng.random() < BOARD_SHARE else None
        yield entry_id, member_id, ACTIONS[entry_id % len(ACTIONS)], f"bench:{entry_id}", points, occurred_at, board


def _member_values(Member, fields, row, now):
    member_id, department, location, visibility, active = row
    known = {
        "id": member_id,
        "password": "!",
        "is_superuser": False,
        "first_name": "",
        "last_name": "",
        "is_staff": False,
        "is_active": active,
        "date_joined": now,
        "email": f"bench{member_id}@example.com",
        "display_name": f"Member {member_id}",
        "role": "ambassador",
        "is_hr": False,
        "department": department,
        "location": location,
        "language": "nl",
        "avatar": "",
        "email_notifications": False,
        "email_outside_office_hours": False,
        "leaderboard_visibility": visibility,
    }
    values = []
    for field in fields:
        if field.name in known:
            values.append(known[field.name])
        elif field.null:
            values.append(None)
        else:
            values.append(field.get_default())
    return values


def load_dataset(*, members: int, entries: int, seed: int, now: datetime.datetime) -> dict:
    """Replace the bench database's members and ledger with the seeded dataset."""
    from django.db import connection

    from gamification.models import BoardEntry, PointsEntry, PointsTotal
    from people.models import Department, Location, Member

    started = time.perf_counter()
    member_fields = list(Member._meta.concrete_fields)
    member_columns = [f.column for f in member_fields]
    entry_columns = [
        "id",
        "member_id",
        "action",
        "ref",
        "points",
        "occurred_at",
        "created_at",
        "label",
        "url",
        "reason",
    ]
    board_columns = ["entry_id", "board", "member_id", "points", "occurred_at"]
    tables = {
        "member": Member._meta.db_table,
        "department": Department._meta.db_table,
        "location": Location._meta.db_table,
        "entry": PointsEntry._meta.db_table,
        "board": BoardEntry._meta.db_table,
        "total": PointsTotal._meta.db_table,
    }
    departments = [(i, f"Bench department {i}") for i in range(1, DEPARTMENTS + 1)]
    locations = [(i, f"Bench location {i}") for i in range(1, LOCATIONS + 1)]
    boards = 0
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw = connection.connection  # autocommit, as Django leaves it
        with raw.cursor() as cursor:
            cursor.execute(
                f"TRUNCATE {tables['member']}, {tables['department']}, {tables['location']} RESTART IDENTITY CASCADE"
            )
            for table, rows in (("department", departments), ("location", locations)):
                with cursor.copy(f"COPY {tables[table]} (id, name) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            with cursor.copy(f"COPY {tables['member']} ({', '.join(member_columns)}) FROM STDIN") as copy:
                for row in member_rows(members, seed, now):
                    copy.write_row(_member_values(Member, member_fields, row, now))
            board_rows = []
            with cursor.copy(f"COPY {tables['entry']} ({', '.join(entry_columns)}) FROM STDIN") as copy:
                for entry_id, member_id, action, ref, points, occurred_at, board in entry_rows(
                    members, entries, seed, now
                ):
                    copy.write_row((entry_id, member_id, action, ref, points, occurred_at, occurred_at, "", "", ""))
                    if board:
                        board_rows.append((entry_id, board, member_id, points, occurred_at))
            with cursor.copy(f"COPY {tables['board']} ({', '.join(board_columns)}) FROM STDIN") as copy:
                for row in board_rows:
                    copy.write_row(row)
            boards = len(board_rows)
            cursor.execute(
                f"INSERT INTO {tables['total']} (member_id, total, updated_at) "
                f"SELECT member_id, SUM(points), now() FROM {tables['entry']} GROUP BY member_id"
            )
        from django.core.management.color import no_style

        models = [Member, Department, Location, PointsEntry, BoardEntry]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
            for table in tables.values():
                cursor.execute(f"VACUUM ANALYZE {table}")
    else:
        from django.db import transaction

        def naive(value):  # what Django stores in SQLite: naive UTC text
            return str(value.astimezone(datetime.UTC).replace(tzinfo=None))

        with transaction.atomic(), connection.cursor() as cursor:
            for table in ("board", "total", "entry"):
                cursor.execute(f"DELETE FROM {tables[table]}")
            cursor.execute(f"DELETE FROM {tables['member']}")
            cursor.execute(f"DELETE FROM {tables['department']}")
            cursor.execute(f"DELETE FROM {tables['location']}")
            cursor.executemany(f"INSERT INTO {tables['department']} (id, name) VALUES (%s, %s)", departments)
            cursor.executemany(f"INSERT INTO {tables['location']} (id, name) VALUES (%s, %s)", locations)
            marks = ", ".join(["%s"] * len(member_columns))
            insert_member = f"INSERT INTO {tables['member']} ({', '.join(member_columns)}) VALUES ({marks})"
            batch = []
            for row in member_rows(members, seed, now):
                values = _member_values(Member, member_fields, row, now)
                batch.append([naive(v) if isinstance(v, datetime.datetime) else v for v in values])
                if len(batch) >= 50_000:
                    cursor.executemany(insert_member, batch)
                    batch.clear()
            cursor.executemany(insert_member, batch)
            insert_entry = (
                f"INSERT INTO {tables['entry']} ({', '.join(entry_columns)}) VALUES ({', '.join(['%s'] * 10)})"
            )
            insert_board = f"INSERT INTO {tables['board']} ({', '.join(board_columns)}) VALUES (%s, %s, %s, %s, %s)"
            batch, board_batch = [], []
            for entry_id, member_id, action, ref, points, occurred_at, board in entry_rows(members, entries, seed, now):
                when = naive(occurred_at)
                batch.append((entry_id, member_id, action, ref, points, when, when, "", "", ""))
                if board:
                    board_batch.append((entry_id, board, member_id, points, when))
                if len(batch) >= 50_000:
                    cursor.executemany(insert_entry, batch)
                    batch.clear()
            cursor.executemany(insert_entry, batch)
            cursor.executemany(insert_board, board_batch)
            boards = len(board_batch)
            cursor.execute(
                f"INSERT INTO {tables['total']} (member_id, total, updated_at) "
                f"SELECT member_id, SUM(points), %s FROM {tables['entry']} GROUP BY member_id",
                [naive(now)],
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"seconds": round(time.perf_counter() - started, 1), "board_entries": boards}


# --- measuring -----------------------------------------------------------------------------------


def sample_members(count: int, seed: int) -> list[int]:
    """Active, not hidden members who are on the all-time board."""
    from gamification.models import PointsTotal

    rng = random.Random(seed + 2)
    top = PointsTotal.objects.order_by("-member_id").values_list("member_id", flat=True).first() or 0
    candidates = sorted({rng.randint(1, top) for _ in range(count * 3)})
    eligible = set(
        PointsTotal.objects.filter(member_id__in=candidates, member__is_active=True)
        .exclude(member__leaderboard_visibility="hidden")
        .values_list("member_id", flat=True)
    )
    chosen = [m for m in candidates if m in eligible]
    rng.shuffle(chosen)
    return chosen[:count]


class TooSlow(Exception):
    pass


class StatementLimit:
    """Abort a single SQL statement after ``seconds`` (progress handler on SQLite,
    ``statement_timeout`` on PostgreSQL), so one pathological query cannot stall the run."""

    def __init__(self, seconds: float):
        from django.db import connection

        self.seconds = seconds
        self.deadline = float("inf")
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(self._check, 100_000)
        else:
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")

    def _check(self) -> int:
        return 1 if time.perf_counter() > self.deadline else 0

    def run(self, operation, *args):
        from django.db import DatabaseError

        self.deadline = time.perf_counter() + self.seconds
        try:
            return operation(*args)
        except DatabaseError as exc:
            raise TooSlow(str(exc)) from exc
        finally:
            self.deadline = float("inf")


def time_operation(operation, me_ids, *, budget, max_samples, limit=None, min_samples=5) -> dict:
    run = limit.run if limit else (lambda op, *args: op(*args))
    samples = []
    try:
        for me in me_ids[:3]:  # warm caches and connections
            run(operation, me)
        deadline = time.perf_counter() + budget
        i = 0
        while len(samples) < max_samples and (len(samples) < min_samples or time.perf_counter() < deadline):
            me = me_ids[i % len(me_ids)]
            i += 1
            started = time.perf_counter()
            run(operation, me)
            samples.append((time.perf_counter() - started) * 1000)
    except TooSlow:
        return {"aborted": limit.seconds, "n": len(samples)}
    return {"p50": percentile(samples, 50), "p99": percentile(samples, 99), "n": len(samples)}


def measure_boards(backend, me_ids: list[int], *, budget: float, max_samples: int, limit=None) -> dict:
    from gamification.leaderboards.boards import BoardKey

    board = BoardKey("all")
    results = {}
    for period in ("all", "month"):

        def top(me, period=period):
            backend.top(board, period, 10)

        def around(me, period=period):
            backend.around(board, period, me)

        def page(me, period=period):
            backend.top(board, period, 10)
            backend.around(board, period, me)

        results[period] = {
            name: time_operation(op, me_ids, budget=budget, max_samples=max_samples, limit=limit)
            for name, op in (("top10", top), ("around", around), ("page", page))
        }
    return results


def vacuum_ledger() -> None:
    """Clear the dead row versions earlier runs left in the award tables, as autovacuum does in
    production: on a PostgreSQL with autovacuum off (this benchmark machine's) every total a
    run updates leaves a dead version behind, and the next run pays for all of them."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    from gamification.models import ActiveWeek, BoardEntry, LevelReached, PointsEntry, PointsTotal

    with connection.cursor() as cursor:
        for model in (PointsTotal, PointsEntry, BoardEntry, ActiveWeek, LevelReached):
            cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")


def measure_record_action(
    *, seconds: float, max_calls: int, seed: int, daily_cap: int | None = None, threads: int = 1
) -> dict:
    """Awards in a loop, 50 % with a challenge board. ``daily_cap`` gives the rule a cheat
    guard, which takes the member's lock and reads their earlier lines (the portable path).
    ``threads`` callers in this one process (each its own database connection, members split
    between them), as a web or Celery worker serving concurrent requests has."""
    import threading

    from django.db import connection, reset_queries

    from core import batching
    from gamification.models import PointRule
    from gamification.services.points import record_action
    from people.models import Member

    action = "bench_action" if daily_cap is None else "bench_capped"
    PointRule.objects.update_or_create(
        action=action,
        defaults={"label": "Bench", "points": 3, "active": True, "cooldown_seconds": 0, "daily_cap": daily_cap},
    )
    vacuum_ledger()
    ids = sample_members(2000, seed + 3)
    members = list(Member.objects.filter(pk__in=ids))
    run = uuid.uuid4().hex[:8]
    for i in range(20):  # warm up
        record_action(member=members[i % len(members)], action=action, ref=f"bench:{run}:warm:{i}")
    counts = [0] * threads
    start = threading.Barrier(threads + 1)
    deadline = [0.0]

    def caller(t: int) -> None:
        mine = members[t::threads]
        try:
            record_action(member=mine[0], action=action, ref=f"bench:{run}:{t}:warm")  # this thread's connection
            start.wait()
            calls = 0
            while calls < max_calls // threads and time.perf_counter() < deadline[0]:
                boards = ("challenge-1",) if calls % 2 else ()
                record_action(
                    member=mine[calls % len(mine)], action=action, ref=f"bench:{run}:{t}:{calls}", boards=boards
                )
                calls += 1
            counts[t] = calls
        finally:
            connection.close()

    workers = [threading.Thread(target=caller, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    started = time.perf_counter()
    deadline[0] = started + seconds
    start.wait()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    batching.drain_all()  # what the after-commit thread still holds, before anyone compares
    time.sleep(0.5)
    reset_queries()
    calls = sum(counts)
    return {"calls": calls, "seconds": round(elapsed, 2), "per_second": round(calls / elapsed, 1), "threads": threads}


def versions() -> dict:
    import sqlite3

    from django.db import connection

    info = {"python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    return info


def start_django(*, key_prefix: str | None = KEY_PREFIX, migrate: bool = True) -> None:
    """Django as the benchmarks' worker processes run it: the dev settings without DEBUG,
    quiet logs, the board keys under ``key_prefix`` (never the site's), the schema migrated."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if key_prefix is not None:
        settings.LEADERBOARD_KEY_PREFIX = key_prefix
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)


def worker(args) -> dict:
    start_django()
    from django.conf import settings

    now = datetime.datetime.now(datetime.UTC)
    result = {"db": args.db, "members": args.members, "entries": args.entries, "versions": versions()}
    result["load"] = load_dataset(members=args.members, entries=args.entries, seed=args.seed, now=now)
    from gamification.leaderboards.backend import get_backend
    from gamification.leaderboards.fallback import FallbackBackend
    from gamification.leaderboards.periods import period_start
    from gamification.leaderboards.redis_index import RedisBackend
    from gamification.leaderboards.sql import sql_backend
    from gamification.models import PointsEntry

    start = period_start("month")
    result["entries_this_month"] = PointsEntry.objects.filter(occurred_at__gte=start).count()
    me_ids = sample_members(200, args.seed)
    sql = sql_backend()
    limit = StatementLimit(args.statement_limit)
    result["sql"] = measure_boards(sql, me_ids, budget=args.sql_budget, max_samples=args.samples, limit=limit)
    settings.LEADERBOARD_BACKEND = "sql"
    result["record_sql"] = measure_record_action(
        seconds=args.record_seconds, max_calls=args.record_calls, seed=args.seed
    )
    if args.db == "postgres" and settings.REDIS_URL:
        backend = RedisBackend.from_settings(socket_timeout=60)
        for key in backend.client.scan_iter(match=f"{KEY_PREFIX}:*", count=1000):
            backend.client.unlink(key)
        started = time.perf_counter()
        rebuilt = backend.rebuild()
        result["rebuild"] = {**rebuilt, "seconds": round(time.perf_counter() - started, 1)}
        result["versions"]["redis"] = backend.client.info("server")["redis_version"]
        fast = RedisBackend.from_settings()
        result["redis"] = measure_boards(fast, me_ids, budget=args.redis_budget, max_samples=args.redis_samples)
        settings.LEADERBOARD_BACKEND = "redis"
        FallbackBackend.reset()
        assert get_backend().name == "redis"
        result["record_redis"] = measure_record_action(
            seconds=args.record_seconds, max_calls=args.record_calls, seed=args.seed + 10
        )
        result["record_redis_threads"] = measure_record_action(
            seconds=args.record_seconds, max_calls=args.record_calls * 4, seed=args.seed + 30, threads=4
        )
        result["record_redis_capped"] = measure_record_action(
            seconds=args.record_seconds, max_calls=args.record_calls, seed=args.seed + 20, daily_cap=10_000
        )
        check = backend.compare_and_repair(sample=5)
        result["after_record_check"] = {"differing": check.get("differing", []), "checked": check.get("checked")}
    return result


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    p.add_argument("--members", type=int, default=100_000)
    p.add_argument("--entries", type=int, default=5_000_000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--samples", type=int, default=200, help="at most this many SQL samples per operation")
    p.add_argument("--sql-budget", type=float, default=15.0, help="seconds per SQL operation (at least 5 samples)")
    p.add_argument("--statement-limit", type=float, default=30.0, help="abort an SQL operation slower than this")
    p.add_argument("--redis-samples", type=int, default=2000)
    p.add_argument("--redis-budget", type=float, default=10.0)
    p.add_argument("--record-seconds", type=float, default=15.0)
    p.add_argument("--record-calls", type=int, default=5000)
    p.add_argument("--out", required=True)
    return p


if __name__ == "__main__":
    arguments = parser().parse_args()
    Path(arguments.out).write_text(json.dumps(worker(arguments), indent=2, default=str))
