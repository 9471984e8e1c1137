"""SQL boards from the period totals (``BoardTotal``) vs ranking the ledger on every request
(the naive way, ``sql_ledger``) vs the Redis index, on the leaderboard benchmark's seeded
dataset (``bench/leaderboards.py``), one worker process per database::

    python bench/sql_boards.py --worker --db postgres --members 10000 --entries 200000
    python bench/sql_boards.py --worker --db postgres --members 100000 --entries 5000000 --keep-data

``bench/run.py`` runs it for every database and size (``sql_boards`` in ``BENCHMARKS``).

For the week and the month board of the whole organisation and of one department:

* ``top 10`` and ``me and neighbours`` (a random member on that board each time), p50/p99;
* a board page: ``selectors.boards.board_payload`` (what the API's board endpoint answers:
  both, plus the names), p50/p99 and pages per second in one process, one after the other;
* the answers compared: the totals' boards equal the ledger's for sampled members.

The totals are rebuilt from the loaded ledger first (``rebuild_board_totals``, timed); the
Redis index (PostgreSQL with ``REDIS_URL`` only) is rebuilt from it too. ``--keep-data``
keeps a dataset an earlier run loaded, and its totals (loading 5,000,000 lines and building
their totals take minutes).
"""

import argparse
import datetime
import json
import random
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import leaderboards as lb  # noqa: E402

KEY_PREFIX = "benchsqlb"


def _members_on(board, period: str, count: int, seed: int) -> list[int]:
    """Members on the board (active, not hidden), a random sample."""
    from gamification.leaderboards.sql import sql_backend

    rows = sql_backend().top(board, period, 100_000)
    rng = random.Random(seed)
    ids = [row.member_id for row in rows]
    return rng.sample(ids, min(count, len(ids)))


def _time(operation, ids: list[int], *, budget: float, max_samples: int, limit) -> dict:
    result = lb.time_operation(operation, ids, budget=budget, max_samples=max_samples, limit=limit)
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in result.items()}


def measure(backend, board, period: str, ids: list[int], *, budget: float, max_samples: int, limit=None) -> dict:
    from gamification.selectors import boards as board_selectors
    from people.models import Member

    viewers = {m.pk: m for m in Member.objects.filter(pk__in=ids)}

    def top(me):
        backend.top(board, period, 10)

    def around(me):
        backend.around(board, period, me)

    def page(me):
        with mock.patch.object(board_selectors, "get_backend", lambda: backend):
            board_selectors.board_payload(board, period, viewer=viewers[me])

    out = {
        name: _time(op, ids, budget=budget, max_samples=max_samples, limit=limit)
        for name, op in (("top10", top), ("around", around), ("page", page))
    }
    # Pages per second: the page operation back to back for a few seconds (or 5 pages).
    started, done = time.perf_counter(), 0
    while done < 5 or (time.perf_counter() - started < min(budget, 5.0) and done < max_samples):
        page(ids[done % len(ids)])
        done += 1
    out["pages_per_second"] = round(done / (time.perf_counter() - started), 2)
    return out


def same_answers(board, period: str, ids: list[int]) -> bool:
    from gamification.leaderboards.sql import sql_backend
    from gamification.leaderboards.sql_ledger import ledger_backend

    totals, ledger = sql_backend(), ledger_backend()
    if totals.top(board, period, 10) != ledger.top(board, period, 10):
        return False
    return all(totals.around(board, period, me) == ledger.around(board, period, me) for me in ids)


def _dataset_is_there(members: int, entries: int) -> bool:
    from gamification.models import PointsEntry
    from people.models import Member

    return Member.objects.count() == members and PointsEntry.objects.filter(ref__startswith="bench:").count() >= entries


def worker(args) -> dict:
    lb.start_django(key_prefix=KEY_PREFIX)
    from django.conf import settings
    from django.db import connection

    from gamification.leaderboards.boards import BoardKey
    from gamification.leaderboards.redis_index import RedisBackend
    from gamification.leaderboards.sql import sql_backend
    from gamification.leaderboards.sql_ledger import ledger_backend
    from gamification.models import BoardTotal
    from gamification.services import board_totals

    now = datetime.datetime.now(datetime.UTC)
    result = {"db": args.db, "members": args.members, "entries": args.entries, "versions": lb.versions()}
    if args.keep_data and _dataset_is_there(args.members, args.entries):
        result["load"] = {"kept": True}
    else:
        result["load"] = lb.load_dataset(members=args.members, entries=args.entries, seed=args.seed, now=now)
    if result["load"].get("kept") and BoardTotal.objects.exists():
        result["totals_rebuild"] = {"kept": True}
    else:
        started = time.perf_counter()
        rows = board_totals.rebuild()
        result["totals_rebuild"] = {"rows": rows, "seconds": round(time.perf_counter() - started, 1)}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {BoardTotal._meta.db_table}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    backends = {"totals": sql_backend(), "ledger": ledger_backend()}
    if args.db == "postgres" and settings.REDIS_URL:
        rebuilding = RedisBackend.from_settings(socket_timeout=60)
        for key in rebuilding.client.scan_iter(match=f"{KEY_PREFIX}:*", count=1000):
            rebuilding.client.unlink(key)
        started = time.perf_counter()
        rebuilding.rebuild()
        result["redis_rebuild_seconds"] = round(time.perf_counter() - started, 1)
        result["versions"]["redis"] = rebuilding.client.info("server")["redis_version"]
        backends["redis"] = RedisBackend.from_settings()
    limit = lb.StatementLimit(args.statement_limit)
    result["boards"] = {}
    for board in (BoardKey("all"), BoardKey("department", 1)):
        for period in ("week", "month"):
            ids = _members_on(board, period, 100, args.seed)
            label = f"{board.name} {period}"
            entry = {"members_on_board": len(sql_backend().top(board, period, 1_000_000))}
            entry["same"] = same_answers(board, period, ids[:10])
            for name, backend in backends.items():
                budget, samples = (args.redis_budget, 1000) if name != "ledger" else (args.ledger_budget, 200)
                entry[name] = measure(
                    backend,
                    board,
                    period,
                    ids,
                    budget=budget,
                    max_samples=samples,
                    limit=None if name == "redis" else limit,
                )
                print(f"  {args.db} {label} {name}: {entry[name]}", file=sys.stderr, flush=True)
            result["boards"][label] = entry
    if "redis" in backends:
        for key in backends["redis"].client.scan_iter(match=f"{KEY_PREFIX}:*", count=1000):
            backends["redis"].client.unlink(key)
    return result


def run(db: str, members: int, entries: int, env: dict, args) -> dict:
    """One worker process (``bench/run.py`` calls this with the database's environment)."""
    import subprocess

    command = [sys.executable, __file__, "--worker", "--db", db, "--members", str(members), "--entries", str(entries)]
    output = subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def render(results: dict) -> list[str]:
    """Markdown rows: per board, each backend's p50/p99 of a page and pages per second, and
    the ratios totals ÷ ledger and totals ÷ Redis (pages per second)."""
    lines = [
        "| database | board | members on it | same answers | page p50 / p99: ledger | totals | Redis "
        "| pages/s: ledger | totals | Redis | totals ÷ ledger | totals ÷ Redis |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for db, result in results.items():
        for label, entry in result["boards"].items():

            def cell(name, entry=entry):
                page = entry.get(name, {}).get("page")
                if not page:
                    return "–"
                if "aborted" in page:
                    return f"> {page['aborted']:.0f} s"
                return f"{page['p50']:,.1f} / {page['p99']:,.1f} ms"

            def rate(name, entry=entry):
                return entry.get(name, {}).get("pages_per_second")

            ledger, totals, redis = rate("ledger"), rate("totals"), rate("redis")
            lines.append(
                f"| {db} | {label} | {entry['members_on_board']:,} | {'yes' if entry['same'] else '**no**'} "
                f"| {cell('ledger')} | {cell('totals')} | {cell('redis')} "
                f"| {ledger or '–'} | {totals or '–'} | {redis or '–'} "
                f"| {f'{totals / ledger:,.0f}×' if ledger else '–'} | {f'{totals / redis:.2f}×' if redis else '–'} |"
            )
    return lines


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    p.add_argument("--members", type=int, default=10_000)
    p.add_argument("--entries", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--keep-data", action="store_true", help="keep the dataset an earlier run loaded, if it is there")
    p.add_argument("--ledger-budget", type=float, default=10.0, help="seconds per operation, ranking the ledger")
    p.add_argument("--redis-budget", type=float, default=5.0, help="seconds per operation, totals and Redis")
    p.add_argument("--statement-limit", type=float, default=30.0)
    p.add_argument("--worker", action="store_true")
    p.add_argument("--render", metavar="JSON", help="print the Markdown table of saved results ({db: result})")
    args = p.parse_args()
    if args.render:
        print("\n".join(render(json.loads(Path(args.render).read_text()))))
        return
    print(json.dumps(worker(args), default=str))


if __name__ == "__main__":
    main()
