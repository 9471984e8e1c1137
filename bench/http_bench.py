"""Web requests from outside: uvicorn (one worker, ``cms.asgi:application``, the bounded
database pool) on PostgreSQL + Redis, driven by an asyncio client at a fixed concurrency.

Throughput, the variants interleaved round by round (each round in a rotated order):

* ``bare``: a bare Django view (the whole middleware, no DRF; ``bench/http_urls.py``);
* ``drf``: a trivial DRF view with a member's token (authentication, permissions, throttles);
* ``leaderboard``: ``GET /api/v1/leaderboards/all/`` with a token (top 10 and me with my
  neighbours from the Redis index).

Bursts, interleaved: 200 trivial authenticated POSTs released at once, and 200 different
members registering at once for one session with 50 places and a waiting list (``POST
/api/v1/sessions/<id>/registration/``, what the app calls); the registration burst must end
with exactly 50 registered and 150 waitlisted, both answered and in the database.

Requests go over keep-alive connections, one per concurrent client, each request with the
next member's token (so the 600 requests a minute a member may make are never reached). An
error is any answer other than 2xx, or a broken connection; 503s (pool exhausted, lock
timeout) are counted apart as well.

    python -m bench.http_bench --members 10000 --out var/bench/http.json

Uses PostgreSQL database ``bench_http`` (created if missing) and Redis database 15 (refused
unless it is empty; emptied afterwards): ``BENCH_HTTP_DATABASE_URL`` / ``BENCH_HTTP_REDIS_URL``
or ``--database-url`` / ``--redis-url`` for others. Run it as a module (``python -m``): a
script's folder comes first on ``sys.path``, and this folder must not hide anything.
"""

import argparse
import asyncio
import datetime
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_client import (  # noqa: E402
    Connection,
    ConnectionCount,
    burst,
    free_port,
    load_average,
    throughput,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_http"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
SETTINGS = "bench.http_settings"
VARIANTS = ("bare", "drf", "leaderboard")
BURSTS = ("trivial_posts", "registrations")
BURST_SIZE = 200
PLACES = 50


# --- the data ------------------------------------------------------------------------------------


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed(*, members: int, entries: int, sessions: int, seed_value: int, reuse: bool = False) -> dict:
    """Members and a ledger (``bench/leaderboards.py``'s COPY), a token per member (COPY),
    the Redis board index, and ``sessions`` kennissessies with 50 places and a waiting list.
    ``reuse`` keeps members, ledger and tokens that an earlier run left (same size).
    Returns the active members' tokens in a fixed shuffled order and the sessions' ids."""
    import random

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from bench import leaderboards as lb
    from events.models import SessionIndexPage, SessionKind, SessionPage
    from gamification.leaderboards.redis_index import RedisBackend
    from people.models import Member

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    now = datetime.datetime.now(datetime.UTC)
    if reuse and Member.objects.count() == members and Token.objects.count() == members:
        loaded = "reused"
    else:
        loaded = lb.load_dataset(members=members, entries=entries, seed=seed_value, now=now)
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {Token._meta.db_table}")
            with cursor.copy(f"COPY {Token._meta.db_table} (key, user_id, created) FROM STDIN") as copy:
                for member_id in range(1, members + 1):
                    copy.write_row((secrets.token_hex(20), member_id, now))
    backend = RedisBackend.from_settings(socket_timeout=60)
    rebuilt = backend.rebuild()

    home = home_page()
    index = SessionIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=SessionIndexPage(title="Sessions", slug="sessions"))
        index.save_revision().publish()
    ids = []
    starts = timezone.now() + datetime.timedelta(days=7)
    for n in range(sessions):
        page = index.add_child(
            instance=SessionPage(
                title=f"Bench kennissessie {n + 1}",
                slug=f"bench-{secrets.token_hex(4)}",
                kind=SessionKind.KENNISSESSIE,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=1),
                capacity=PLACES,
                waiting_list=True,
            )
        )
        page.save_revision().publish()
        ids.append(page.pk)
    active = dict(Token.objects.filter(user__in=Member.objects.filter(is_active=True)).values_list("user_id", "key"))
    order = sorted(active)
    random.Random(seed_value).shuffle(order)
    connection.close()
    return {
        "tokens": [active[member_id] for member_id in order],
        "sessions": ids,
        "seconds": round(time.perf_counter() - started, 1),
        "ledger": loaded,
        "board_index": rebuilt,
    }


def home_page():
    """The site's home page; made again when the members' TRUNCATE … CASCADE took the pages
    with it (a page's owner is a member)."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = Page.objects.filter(depth=2, locale=locale).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        home = root.add_child(instance=HomePage(title="Home", slug="home", locale=locale))
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home.specific


def registrations_in_database(session_id: int) -> dict:
    from django.db import connection

    from events.models import Registration

    counts = {}
    for status in Registration.objects.filter(session_id=session_id).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    connection.close()
    return counts


# --- the server ----------------------------------------------------------------------------------


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    with open(log, "w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "cms.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 90
    while True:
        try:
            status, _ = asyncio.run(Connection(port).request("GET", "/bench/bare/"))
            if status == 200:
                return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"uvicorn did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


# --- the run -------------------------------------------------------------------------------------


async def measure(port: int, data: dict, args) -> dict:
    tokens = data["tokens"]
    results: dict = {"throughput": {v: [] for v in VARIANTS}, "bursts": {b: [] for b in BURSTS}}
    cursor = 0
    for variant in VARIANTS:  # warm up: imports, the pool, caches
        _tally, _elapsed, cursor = await throughput(
            port, variant, tokens, concurrency=args.concurrency, seconds=2, start=cursor
        )
    for round_number in range(args.rounds):
        shift = round_number % len(VARIANTS)
        for variant in VARIANTS[shift:] + VARIANTS[:shift]:
            tally, elapsed, cursor = await throughput(
                port, variant, tokens, concurrency=args.concurrency, seconds=args.seconds, start=cursor
            )
            summary = tally.summary(elapsed)
            results["throughput"][variant].append(summary)
            print(
                f"    {variant:12} {summary['per_second']:7.1f} req/s  p50 {summary['p50_ms']:6.1f} ms  "
                f"p99 {summary['p99_ms']:7.1f} ms  errors {summary['errors']}",
                flush=True,
            )
    # Bursts, each with members no burst used before.
    burst_members = iter(range(0, len(tokens), BURST_SIZE))
    for repetition in range(args.bursts):
        order = BURSTS if repetition % 2 == 0 else BURSTS[::-1]
        for kind in order:
            first = next(burst_members)
            members = tokens[first : first + BURST_SIZE]
            if kind == "trivial_posts":
                tally, seconds, bodies = await burst(port, "POST", "/api/v1/bench/trivial/", members)
                summary = tally.summary(seconds)
            else:
                session_id = data["sessions"][repetition]
                path = f"/api/v1/sessions/{session_id}/registration/"
                tally, seconds, bodies = await burst(port, "POST", path, members)
                summary = tally.summary(seconds)
                answered = {}
                for body in bodies:
                    try:
                        status = json.loads(body).get("status")
                    except (ValueError, AttributeError):
                        status = None
                    answered[str(status)] = answered.get(str(status), 0) + 1
                summary["answered"] = answered
                refusals = {}
                for body in bodies:
                    try:
                        answer = json.loads(body)
                    except ValueError:
                        continue
                    if "detail" in answer:  # a 503's why: the pool's wait or the session's lock
                        refusals[answer["detail"][:60]] = refusals.get(answer["detail"][:60], 0) + 1
                summary["refusals"] = refusals
                summary["in_database"] = await asyncio.to_thread(registrations_in_database, session_id)
            summary["burst_seconds"] = round(seconds, 3)
            results["bursts"][kind].append(summary)
            print(
                f"    burst {kind:14} {seconds * 1000:7.0f} ms  p50 {summary['p50_ms']:6.1f} ms  "
                f"errors {summary['errors']}  {summary.get('in_database', '')}",
                flush=True,
            )
    return results


def totals(runs: list[dict]) -> dict:
    """All rounds of a variant together: requests over seconds, the worst p99, every error."""
    requests = sum(r["requests"] for r in runs)
    seconds = sum(r["seconds"] for r in runs)
    return {
        "per_second": round(requests / seconds, 1) if seconds else 0,
        "per_round": [r["per_second"] for r in runs],
        "p50_ms": round(sorted(r["p50_ms"] for r in runs)[len(runs) // 2], 1),
        "p95_ms": round(max(r["p95_ms"] for r in runs), 1),
        "p99_ms": round(max(r["p99_ms"] for r in runs), 1),
        "errors": sum(r["errors"] for r in runs),
        "busy_503": sum(r["busy_503"] for r in runs),
    }


def run(args) -> dict:
    database_url, redis_url = args.database_url, args.redis_url
    import redis

    client = redis.Redis.from_url(redis_url)
    if client.dbsize():
        sys.exit(f"{redis_url} is not empty: pass --redis-url with a free database (it is emptied afterwards).")
    ensure_database(database_url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    env.update(dict(item.split("=", 1) for item in args.server_env))
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DEBUG", "DATABASE_URL", "REDIS_URL")})
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    import django

    django.setup()
    from django.conf import settings

    print(f"  http: seeding {args.members:,} members …", flush=True)
    data = seed(
        members=args.members, entries=args.entries, sessions=args.bursts, seed_value=args.seed, reuse=args.reuse
    )
    print(f"  http: seeded in {data['seconds']} s; starting uvicorn", flush=True)
    log = ROOT / "var" / "bench" / "http-uvicorn.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    counter = ConnectionCount(database_url.rsplit("/", 1)[0] + "/postgres", database_url.rsplit("/", 1)[1])
    result = {
        "members": args.members,
        "entries": args.entries,
        "concurrency": args.concurrency,
        "seconds_per_round": args.seconds,
        "rounds": args.rounds,
        "pool": settings.DATABASES["default"].get("OPTIONS", {}).get("pool"),
        "server_env": args.server_env,
        "load_before": load_average(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    process = start_server(env, port, log)
    try:
        counter.start()
        measured = asyncio.run(measure(port, data, args))
    finally:
        counter.done.set()
        stop_server(process)
        client.flushdb()
    result["load_after"] = load_average()
    result["postgres_connections_most"] = counter.most
    result["server_log_errors"] = sum(
        1 for line in log.read_text(errors="replace").splitlines() if "Traceback" in line or "ERROR" in line
    )
    result["raw"] = measured
    t = {v: totals(measured["throughput"][v]) for v in VARIANTS}
    result["throughput"] = t
    result["ratios"] = {
        "drf_vs_bare": round(t["drf"]["per_second"] / t["bare"]["per_second"], 2),
        "leaderboard_vs_drf": round(t["leaderboard"]["per_second"] / t["drf"]["per_second"], 2),
    }
    b = measured["bursts"]
    registrations = b["registrations"]
    result["bursts"] = {
        "trivial_posts_seconds": [r["burst_seconds"] for r in b["trivial_posts"]],
        "registrations_seconds": [r["burst_seconds"] for r in registrations],
        "registrations_vs_trivial": round(
            sorted(r["burst_seconds"] for r in registrations)[len(registrations) // 2]
            / sorted(r["burst_seconds"] for r in b["trivial_posts"])[len(b["trivial_posts"]) // 2],
            2,
        ),
        "errors": sum(r["errors"] for kind in BURSTS for r in b[kind]),
        "registrations_p50_ms": [r["p50_ms"] for r in registrations],
        "in_database": [r["in_database"] for r in registrations],
        "exact": all(
            r["in_database"] == {"registered": PLACES, "waitlisted": BURST_SIZE - PLACES}
            and r["answered"] == {"registered": PLACES, "waitlisted": BURST_SIZE - PLACES}
            for r in registrations
        ),
    }
    return result


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--members", type=int, default=10_000)
    p.add_argument("--entries", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--concurrency", type=int, default=32)
    p.add_argument("--seconds", type=float, default=8.0, help="per variant and round")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--bursts", type=int, default=3, help="registration bursts (and as many trivial POST bursts)")
    p.add_argument("--database-url", default=os.environ.get("BENCH_HTTP_DATABASE_URL", DEFAULT_DATABASE_URL))
    p.add_argument("--redis-url", default=os.environ.get("BENCH_HTTP_REDIS_URL", DEFAULT_REDIS_URL))
    p.add_argument(
        "--server-env", action="append", default=[], help="NAME=value for the server (e.g. DB_POOL_MAX_SIZE=20)"
    )
    p.add_argument("--reuse", action="store_true", help="keep the members and ledger of an earlier run")
    p.add_argument("--out", default=None, help="write the figures as JSON here")
    return p


if __name__ == "__main__":
    arguments = parser().parse_args()
    figures = run(arguments)
    text = json.dumps(figures, indent=2, default=str)
    if arguments.out:
        Path(arguments.out).write_text(text)
    summary = {k: v for k, v in figures.items() if k != "raw"}
    print(json.dumps(summary, indent=2, default=str))
