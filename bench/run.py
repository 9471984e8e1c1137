"""Run the benchmarks (``make bench``) and write ``var/bench/benchmarks.md`` (copy its tables into
``docs/benchmarks.md``, which also keeps the CI wall times by hand).

Leaderboards, then every entry of ``BENCHMARKS`` (the HR dashboard from the rollup vs the ledger
and the badge sweep: ``bench/sweeps.py``): for each size, one worker on SQLite and one on PostgreSQL (+ Redis), each in
its own process with its own database, on the same seeded dataset::

    python bench/run.py                       # 100,000 and 1,000,000 members, 5,000,000 entries
    python bench/run.py --quick               # 10,000 members, 200,000 entries: does it work?
    python bench/run.py --sizes 10000:200000,100000:5000000

Uses PostgreSQL database ``bench_socialshift`` (``BENCH_DB``; created if missing), a SQLite file under
``var/bench/`` and Redis database 14 (``BENCH_REDIS_DB``) (refused unless it is empty; emptied afterwards). Raw results go to
``var/bench/last-run.json``; ``--render var/bench/last-run.json --notes notes.md`` rewrites the
report from them. Never part of ``make test``.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import leaderboards as lb  # noqa: E402
from bench import sql_boards, sweeps  # noqa: E402

DEFAULT_SIZES = "100000:5000000,1000000:5000000"
QUICK_SIZES = "10000:200000"
TARGET_P99_MS = 2.0
TARGET_RATIO = 50
TARGET_RECORDS = 1000


def run_sweeps(db: str, members: int, entries: int, env: dict, args) -> dict:
    """The HR dashboard from the rollup vs the ledger, the badge sweep set-based vs per member."""
    print(f"  {db}: dashboards and badge sweep, {members:,} members …", flush=True)
    return sweeps.run(db, members, entries, {k: v for k, v in env.items() if k != "REDIS_URL"}, args.per_member_seconds)


# Every benchmark after the leaderboards: (name, function(db, members, entries, env, args) ->
# dict), each run for every database and size; ``render_extra`` writes its table.
BENCHMARKS = [
    ("sweeps", run_sweeps),
    # ---- wp-perflive: add the live-board and SQL-board benchmarks here ----------------------
    # ("live_boards", live_boards.run),   # bench/live_boards.py
    ("sql_boards", sql_boards.run),  # bench/sql_boards.py: SQL boards from the period totals
    # Web requests from outside (bench/http_bench.py): PostgreSQL + Redis only, on its own
    # database and Redis number (BENCH_HTTP_DATABASE_URL, BENCH_HTTP_REDIS_URL).
    ("http", lambda db, members, entries, env, args: run_http(db, members, entries, args)),
]


def run_http(db: str, members: int, entries: int, args) -> dict:
    """uvicorn with the pool: a bare Django view, a trivial DRF view and the leaderboard
    endpoint at a fixed concurrency; 200 registrations for 50 places vs 200 trivial POSTs."""
    if db != "postgres":
        return {"skipped": "PostgreSQL + Redis only"}
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = out.name
    print(f"  {db}: web requests under uvicorn, {members:,} members …", flush=True)
    command = [sys.executable, "-m", "bench.http_bench", "--members", str(members), "--entries", str(entries)]
    subprocess.run([*command, "--out", path], cwd=ROOT, check=True)
    result = json.loads(Path(path).read_text())
    os.unlink(path)
    result.pop("raw", None)
    return result


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        members, _, entries = part.partition(":")
        sizes.append((int(members), int(entries or 5_000_000)))
    return sizes


def machine() -> dict:
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": memory, "platform": platform.platform()}


def ensure_postgres_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def redis_database_is_free(url: str) -> bool:
    import redis

    client = redis.Redis.from_url(url)
    return client.dbsize() == 0


def empty_redis_database(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def run_worker(db: str, members: int, entries: int, env: dict, args) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = out.name
    command = [
        sys.executable,
        str(ROOT / "bench" / "leaderboards.py"),
        "--db",
        db,
        "--members",
        str(members),
        "--entries",
        str(entries),
        "--sql-budget",
        str(args.sql_budget),
        "--record-seconds",
        str(args.record_seconds),
        "--statement-limit",
        str(args.statement_limit),
        "--out",
        path,
    ]
    started = time.perf_counter()
    print(f"  {db}: {members:,} members, {entries:,} entries …", flush=True)
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    result = json.loads(Path(path).read_text())
    os.unlink(path)
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    print(f"  {db}: done in {result['wall_seconds']} s (load {result['load']['seconds']} s)", flush=True)
    return result


def sqlite_env(args, base_env: dict) -> dict:
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    template = bench_dir / "schema.sqlite3"
    database = bench_dir / "bench.sqlite3"
    if not template.exists():
        env = {**base_env, "DATABASE_URL": f"sqlite:///{template}"}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, database)
    return {**base_env, "DATABASE_URL": f"sqlite:///{database}"}


def ms(value: float) -> str:
    return f"{value:,.2f} ms" if value < 100 else f"{value:,.0f} ms"


def ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:,.0f}×" if fast else "–"


def render(results: list[dict], info: dict, sizes: list[tuple[int, int]], args) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python bench/run.py`); this file is overwritten on every run.",
        "",
        f"- Date: {info['date']}",
        f"- Command: `{info['command']}`",
        f"- Machine: {info['machine']['nproc']} CPUs ({info['machine']['cpu']}), {info['machine']['memory']} RAM, "
        f"{info['machine']['platform']}",
        f"- Software: Python {info['versions'].get('python')}, PostgreSQL {info['versions'].get('postgresql', '–')}, "
        f"Redis {info['versions'].get('redis', '–')}, SQLite {info['versions'].get('sqlite')}",
        "- Other work was running on the machine at the same time (a shared development box), so absolute numbers "
        "are noisy; the ratios between backends measured in the same run are the point.",
        "",
        "## Leaderboards",
        "",
        "The naive way is `SqlBackend`: rank the ledger with window functions on every request "
        "(`RANK()`/`ROW_NUMBER()` over `PointsTotal` for all-time boards, over the aggregated "
        "`PointsEntry` lines for periods). `RedisBackend` reads sorted sets kept up to date as points "
        "are recorded (`ZREVRANGE` for the top, one Lua script — `ZREVRANK`, `ZREVRANGE`, `ZCOUNT` — for "
        "me and my neighbours). Ratios are SQL on PostgreSQL ÷ Redis (higher is better for Redis).",
        "",
        "Dataset (seeded, identical for every database): members in 50 departments and 20 locations, "
        "3 % hidden, 7 % anonymous, 1 % inactive; ledger entries spread over the past year with a "
        "skewed activity (a few members earn much more), points 1–20 so totals tie; 5 % of entries "
        "also count on one of 20 challenge boards. Loaded with COPY (PostgreSQL) and executemany "
        "(SQLite), `PointsTotal` with one `INSERT … SELECT … GROUP BY`.",
        "",
        "Operations: *top 10*; *me and neighbours* (two above, two below, a random active member "
        "each time); *board page* = both, as `board_payload` asks them. Latencies are measured "
        "in-process through the backend's Python API (client round trip included); SQL samples are "
        f"time-boxed ({args.sql_budget:g} s per operation, at least 5 samples, so its p99 is the "
        "slowest of few samples — see n), Redis takes up to 2,000 samples.",
        "",
    ]
    for (members, entries), by_db in zip(sizes, results, strict=True):
        sqlite, postgres = by_db.get("sqlite"), by_db.get("postgres")
        sqlite = sqlite if sqlite and "load" in sqlite else None
        postgres = postgres if postgres and "load" in postgres else None
        if not (sqlite or postgres):
            continue  # the leaderboards were not run (--only)
        lines += [f"### {members:,} members, {entries:,} ledger entries", ""]
        reference = postgres or sqlite
        lines.append(
            f"Entries in the current month: {reference['entries_this_month']:,}. "
            f"Load: SQLite {sqlite['load']['seconds'] if sqlite else '–'} s, "
            f"PostgreSQL {postgres['load']['seconds'] if postgres else '–'} s"
            + (
                f"; Redis index rebuilt from PostgreSQL in {postgres['rebuild']['seconds']} s "
                f"({postgres['rebuild']['keys']:,} keys, {postgres['rebuild']['rows']:,} rows)."
                if postgres and "rebuild" in postgres
                else "."
            )
        )
        lines += [
            "",
            "| board | operation | SQL · SQLite p50 / p99 (n) | SQL · PostgreSQL p50 / p99 (n) | Redis p50 / p99 (n) "
            "| Redis vs SQL · PostgreSQL (p50 / p99) |",
            "|---|---|---|---|---|---|",
        ]
        for period, label in (("all", "all-time"), ("month", "this month")):
            for op, op_label in (("top10", "top 10"), ("around", "me and neighbours"), ("page", "board page")):
                cells = []
                for result, key in ((sqlite, "sql"), (postgres, "sql"), (postgres, "redis")):
                    if result and key in result and "aborted" in result[key][period][op]:
                        cells.append(f"> {result[key][period][op]['aborted']:g} s: aborted")
                    elif result and key in result:
                        m = result[key][period][op]
                        cells.append(f"{ms(m['p50'])} / {ms(m['p99'])} ({m['n']})")
                    else:
                        cells.append("–")
                if postgres and "redis" in postgres:
                    s, r = postgres["sql"][period][op], postgres["redis"][period][op]
                    if "aborted" in s:
                        cells.append(f"≥ {ratio(s['aborted'] * 1000, r['p99'])}")
                    else:
                        cells.append(f"{ratio(s['p50'], r['p50'])} / {ratio(s['p99'], r['p99'])}")
                else:
                    cells.append("–")
                lines.append(f"| all, {label} | {op_label} | " + " | ".join(cells) + " |")
        lines += [
            "",
            "`record_action` in one process (one caller unless stated), real calls, 50 % with a challenge "
            "board: ledger line, total, "
            "board lines, active week and levels (on PostgreSQL one prepared statement for a rule without "
            "cheat guards), then after commit the board index and badge marks (batched to Redis by a "
            "thread), broadcast scheduling (coalesced). The capped rule (a daily cap) takes the portable "
            "path: lock the member's total, read the earlier lines, then write:",
            "",
            "| configuration | calls | calls/s |",
            "|---|---|---|",
        ]
        for title, result, key in (
            ("SQLite, SQL boards", sqlite, "record_sql"),
            ("PostgreSQL, SQL boards", postgres, "record_sql"),
            ("PostgreSQL + Redis boards", postgres, "record_redis"),
            ("PostgreSQL + Redis boards, 4 threads in the process", postgres, "record_redis_threads"),
            ("PostgreSQL + Redis boards, rule with a daily cap", postgres, "record_redis_capped"),
        ):
            if result and key in result:
                r = result[key]
                lines.append(f"| {title} | {r['calls']:,} in {r['seconds']} s | {r['per_second']:,.0f} |")
        if postgres and "redis" in postgres:
            worst = max(postgres["redis"][p][op]["p99"] for p in ("all", "month") for op in ("top10", "around"))
            ratios = [
                postgres["sql"][p][op].get("p99", postgres["sql"][p][op].get("aborted", 0) * 1000)
                / postgres["redis"][p][op]["p99"]
                for p in ("all", "month")
                for op in ("top10", "around")
            ]
            records = postgres.get("record_redis", {}).get("per_second", 0)
            threaded = postgres.get("record_redis_threads", {}).get("per_second", 0)
            drift = postgres.get("after_record_check", {}).get("differing")
            lines += [
                "",
                "Targets:",
                "",
                f"- Redis p99 ≤ {TARGET_P99_MS:g} ms (top 10 and me and neighbours): worst {ms(worst)} — "
                + ("met" if worst <= TARGET_P99_MS else "**not met**"),
                f"- Redis ≥ {TARGET_RATIO}× SQL on PostgreSQL (p99): smallest ratio {min(ratios):,.0f}× — "
                + ("met" if min(ratios) >= TARGET_RATIO else "**not met**"),
                f"- `record_action` ≥ {TARGET_RECORDS:,}/s in one process on PostgreSQL + Redis: "
                f"{records:,.0f}/s with one caller, {threaded:,.0f}/s with four threads — "
                + ("met" if max(records, threaded) >= TARGET_RECORDS else "**not met**")
                + ("" if records >= TARGET_RECORDS else " (one caller: **not met**)"),
                "- Index equal to the ledger after the `record_action` run (sampled `compare_and_repair`): "
                + ("yes" if drift == [] else f"differences in {drift}"),
            ]
        lines.append("")
    lines += render_extra(results, sizes)
    ran = {m for m, _ in sizes}
    missing = [m for m, _ in parse_sizes(DEFAULT_SIZES) if m not in ran]
    lines += ["## What was run", ""]
    lines.append("Sizes in this run: " + ", ".join(f"{m:,} members / {e:,} entries" for m, e in sizes) + ".")
    if missing:
        lines.append(
            "Not run here: " + ", ".join(f"{m:,} members" for m in missing) + " (see the notes below; "
            f"`python bench/run.py --sizes {','.join(f'{m}:5000000' for m in missing)}` runs it)."
        )
    if args.notes:
        lines += ["", "## Notes", "", Path(args.notes).read_text().strip()]
    lines.append("")
    return "\n".join(lines)


def render_http(results: list[dict], sizes: list[tuple[int, int]]) -> list[str]:
    lines = []
    for (members, _entries), by_db in zip(sizes, results, strict=True):
        r = by_db.get("postgres", {}).get("extra", {}).get("http")
        if not r or "skipped" in r:
            continue
        t, b = r["throughput"], r["bursts"]
        lines += [
            f"## Web requests under uvicorn: {members:,} members (PostgreSQL + Redis)",
            "",
            f"`bench/http_bench.py`: one uvicorn worker, pool {r['pool']}, {r['concurrency']} clients with "
            f"keep-alive, {r['rounds']} interleaved rounds of {r['seconds_per_round']:g} s; load average "
            f"{r['load_before']} before, {r['load_after']} after; at most {r['postgres_connections_most']} "
            "PostgreSQL sessions.",
            "",
            "| variant | req/s | rounds | p50 | p95 | p99 | errors (503) |",
            "|---|---|---|---|---|---|---|",
        ]
        for name in ("bare", "drf", "leaderboard"):
            v = t[name]
            lines.append(
                f"| {name} | {v['per_second']:,.0f} | {' / '.join(f'{x:,.0f}' for x in v['per_round'])} | "
                f"{v['p50_ms']:,.0f} ms | {v['p95_ms']:,.0f} ms | {v['p99_ms']:,.0f} ms | {v['errors']} ({v['busy_503']}) |"
            )
        ratios = r["ratios"]
        lines += [
            "",
            f"- trivial DRF ÷ bare Django: {ratios['drf_vs_bare']:.2f}× (target ≥ 0.6×)",
            f"- leaderboard ÷ trivial DRF: {ratios['leaderboard_vs_drf']:.2f}× (target ≥ 0.9×)",
            f"- 200 registrations for 50 places: {', '.join(f'{s:.2f} s' for s in b['registrations_seconds'])}; "
            f"200 trivial POSTs: {', '.join(f'{s:.2f} s' for s in b['trivial_posts_seconds'])}; median ratio "
            f"{b['registrations_vs_trivial']:.2f}× (target ≤ 2×); exactly 50 registered and 150 waitlisted: "
            f"{'yes' if b['exact'] else '**no**'} {b['in_database']}; errors {b['errors']}",
            "",
        ]
    return lines


def render_extra(results: list[dict], sizes: list[tuple[int, int]]) -> list[str]:
    lines = render_http(results, sizes)
    for (members, entries), by_db in zip(sizes, results, strict=True):
        boards = {db: r["extra"]["sql_boards"] for db, r in by_db.items() if "sql_boards" in r.get("extra", {})}
        if boards:
            lines += [f"## SQL boards from the period totals: {members:,} members, {entries:,} ledger entries", ""]
            lines += [*sql_boards.render(boards), ""]
        runs = {db: r["extra"]["sweeps"] for db, r in by_db.items() if "sweeps" in r.get("extra", {})}
        if not runs:
            continue
        lines += [
            f"## HR dashboard and badge sweep: {members:,} members, {entries:,} ledger entries",
            "",
            "`bench/sweeps.py`: the participation dashboard (`selectors.participation`, what the page, "
            "the API and the exports read) with whole weeks from the weekly rollup (`ActivityWeek`) vs "
            "every figure from the rows, best of several interleaved runs; figures checked equal. The "
            "badge sweep with five demo-like badges: per member (`evaluate_for`, time-boxed) vs set-based "
            "(`badge_sweep.sweep`, everyone), awards and notifications included.",
            "",
            "| database | dashboard, a year: ledger / rollup | 90 days: ledger / rollup | same figures "
            "| badge sweep per member | set-based | second run | rollup rebuild |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for db, r in runs.items():
            year, quarter, b = r["dashboard"]["year"], r["dashboard"]["90 days"], r["badges"]
            lines.append(
                f"| {db} | {year['ledger_ms']:,.0f} ms / {year['rollup_ms']:,.0f} ms "
                f"({year['ledger_ms'] / year['rollup_ms']:.1f}×) | {quarter['ledger_ms']:,.0f} ms / "
                f"{quarter['rollup_ms']:,.0f} ms ({quarter['ledger_ms'] / quarter['rollup_ms']:.1f}×) | "
                f"{'yes' if year['same'] and quarter['same'] else '**no**'} | "
                f"{b['per_member']['per_second']:,.0f} members/s | {b['set_based']['per_second']:,.0f} members/s "
                f"({b['awarded']:,} awards) | {b['second_run']['awarded']} awards in {b['second_run']['seconds']} s "
                f"| {r['rollup']['rows']:,} rows in {r['rollup']['seconds']} s |"
            )
        lines.append("")
    return lines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}")
    p.add_argument("--sizes", default=None, help=f"members:entries,… (default {DEFAULT_SIZES})")
    p.add_argument("--databases", default="sqlite,postgres")
    p.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database")
    p.add_argument(
        "--redis",
        default=f"redis://127.0.0.1:6379/{os.environ.get('BENCH_REDIS_DB', '14')}",
        help="an empty Redis database (default: number BENCH_REDIS_DB, else 14)",
    )
    p.add_argument("--sql-budget", type=float, default=15.0)
    p.add_argument("--record-seconds", type=float, default=15.0)
    p.add_argument("--statement-limit", type=float, default=30.0, help="abort one SQL board query after this")
    # Not docs/benchmarks.md: that page is kept by hand (its CI section); copy the tables into it.
    p.add_argument("--output", default=str(ROOT / "var" / "bench" / "benchmarks.md"))
    p.add_argument("--notes", default=None, help="a Markdown file appended as notes")
    p.add_argument("--per-member-seconds", type=float, default=20.0, help="time box of the per-member badge sweep")
    p.add_argument(
        "--only", default=None, help="comma-separated: leaderboards and/or " + ", ".join(n for n, _ in BENCHMARKS)
    )
    p.add_argument("--render", metavar="JSON", help="only rewrite the report from a saved var/bench/last-run.json")
    args = p.parse_args()
    if args.render:
        saved = json.loads(Path(args.render).read_text())
        for name in ("sql_budget", "statement_limit"):
            setattr(args, name, saved["args"][name])
        sizes = [tuple(size) for size in saved["sizes"]]
        Path(args.output).write_text(render(saved["results"], saved["info"], sizes, args))
        return
    sizes = parse_sizes(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]

    if not redis_database_is_free(args.redis):
        sys.exit(f"{args.redis} is not empty: pass --redis with a free database (it is emptied afterwards).")
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "false",
        "REDIS_URL": args.redis,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "LOG_LEVEL": "ERROR",
    }
    if "postgres" in databases:
        ensure_postgres_database(f"{args.postgres}/postgres", lb.PG_DATABASE)

    started = time.perf_counter()
    results = []
    try:
        for members, entries in sizes:
            by_db = {}
            for db in databases:
                env = (
                    sqlite_env(args, base_env)
                    if db == "sqlite"
                    else {**base_env, "DATABASE_URL": f"{args.postgres}/{lb.PG_DATABASE}"}
                )
                wanted = set(args.only.split(",")) if args.only else None
                by_db[db] = (
                    run_worker(db, members, entries, env, args) if not wanted or "leaderboards" in wanted else {}
                )
                by_db[db]["extra"] = {}
                for name, benchmark in BENCHMARKS:
                    if wanted and name not in wanted:
                        continue
                    if db == "sqlite":
                        env = sqlite_env(args, base_env)  # a fresh copy for each benchmark
                    by_db[db]["extra"][name] = benchmark(db, members, entries, env, args)
            results.append(by_db)
    finally:
        empty_redis_database(args.redis)

    version_info = {}
    for by_db in results:
        for result in by_db.values():
            version_info.update(result.get("versions", {}))
    info = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python bench/run.py " + " ".join(sys.argv[1:]),
        "machine": machine(),
        "versions": version_info,
    }
    raw = ROOT / "var" / "bench" / "last-run.json"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps({"info": info, "sizes": sizes, "results": results, "args": vars(args)}, indent=2))
    text = render(results, info, sizes, args)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text)
    print()
    print(text)
    print(f"Total {time.perf_counter() - started:.0f} s; written to {args.output}")


if __name__ == "__main__":
    main()
