"""Live boards from outside: N WebSocket clients watch the ``all`` board of a uvicorn server
(one or more workers, a subprocess) while this process records awards; each client notes
when the board with the new total reaches it.

Measures, per run: commit -> client delay p50/p95/p99/max, % delivered (within 1.0 s, and at
all), time for a connecting client to get the board, and the workers' memory per 1,000
sockets. The awards go the production way: ``record_action`` commits, the after-commit batch
schedules the broadcast (``services.broadcasts``: at once when the board was quiet), the
channel layer (Redis) carries it to the server's workers. Broadcasts run in this process
(eager Celery), so no Celery worker is needed.

    python bench/live_boards.py --clients 2000            # one worker
    python bench/live_boards.py --clients 5000 --workers 2
    python bench/live_boards.py --variant stock           # channels-redis' own layer
    BENCH_WS_DEFLATE=1 python bench/live_boards.py        # uvicorn's default compression
    BENCH_BROADCAST_EVERY=1 python bench/live_boards.py   # another coalescing window
    BENCH_VERBOSE=1 python bench/live_boards.py           # each award's p50 and max

The server runs as production does (``--ws websockets-sansio --ws-per-message-deflate false``).
One burst before the measured rounds warms the process up (its first broadcasts make the
broadcasting thread's event loop and Redis connections).

Uses PostgreSQL database ``bench_live`` (created if missing; ``--database-url`` for another)
and Redis database 11 (``--redis-url``; emptied before and after). ``run_live_boards(...)``
is what ``bench/run.py`` calls; it returns a dict of the figures.
"""

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_live"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/11"
ACTION = "bench_live_award"
VARIANTS = {
    # the channel layer the server uses: this repository's (receive loop per process) or
    # channels-redis' own (a receive lock handed between every listener)
    "ours": "core.channel_layer.FanOutRedisChannelLayer",
    "stock": "channels_redis.core.RedisChannelLayer",
}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS"):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    except OSError:
        return []
    return [int(x) for x in out.split()]


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def environment(database_url: str, redis_url: str, variant: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="false",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="true",
        CHANNEL_LAYER_BACKEND=VARIANTS[variant],
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(env: dict) -> tuple[int, str]:
    """Migrate, make the awarded member, a viewer and its session; returns (member id, session key)."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DEBUG", "DATABASE_URL", "REDIS_URL")})
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    import django

    django.setup()
    from gamification.services import broadcasts

    # BENCH_BROADCAST_EVERY: another coalescing window than the shipped one, for comparison.
    broadcasts.in_process.every = float(os.environ.get("BENCH_BROADCAST_EVERY", broadcasts.BROADCAST_EVERY))
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cache import SessionStore as CacheStore
    from django.utils.module_loading import import_string

    from gamification.models import PointRule
    from people.models import Member

    PointRule.objects.update_or_create(action=ACTION, defaults={"points": 1, "label": "bench", "active": True})
    from gamification.services.points import rules_memo

    rules_memo.clear() if hasattr(rules_memo, "clear") else None
    awarded, _ = Member.objects.get_or_create(
        email="bench-live-awarded@example.org", defaults={"display_name": "Bench"}
    )
    viewer, _ = Member.objects.get_or_create(email="bench-live-viewer@example.org", defaults={"display_name": "Viewer"})
    store = import_string(settings.SESSION_ENGINE + ".SessionStore") if settings.SESSION_ENGINE else CacheStore
    session = store()
    session[SESSION_KEY] = str(viewer.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = viewer.get_session_auth_hash()
    session.save()
    return awarded.pk, session.session_key


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "uvicorn", "cms.asgi:application", "--port", str(port), "--host", "127.0.0.1"]
    command += [
        "--workers",
        str(workers),
        "--ws",
        os.environ.get("BENCH_WS", "websockets-sansio"),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    # As production runs it (deploy/systemd/socialshift-web.service); BENCH_WS_DEFLATE=1
    # measures uvicorn's default, every message compressed per socket.
    if os.environ.get("BENCH_WS_DEFLATE", "0") == "0":
        command += ["--ws-per-message-deflate", "false"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("uvicorn did not start")


def points_of(text: str, member_id: int) -> int | None:
    for row in json.loads(text).get("results", []):
        if row["member"]["id"] == member_id:
            return row["points"]
    return None


async def watch(url, headers, member_id, seen: dict, connected: list, stop: asyncio.Event):
    import websockets

    started = time.perf_counter()
    try:
        async with websockets.connect(url, additional_headers=headers, open_timeout=60, max_queue=None) as ws:
            first = await asyncio.wait_for(ws.recv(), 60)
            connected.append(time.perf_counter() - started)
            seen.setdefault(points_of(first, member_id), time.time())
            while not stop.is_set():
                try:
                    text = await asyncio.wait_for(ws.recv(), 0.5)
                except TimeoutError:
                    continue
                seen.setdefault(points_of(text, member_id), time.time())
    except Exception as exc:  # a client that failed counts as not delivered
        seen["error"] = repr(exc)


def award(member_id: int, ref: str) -> tuple[int, float]:
    """Record one award, committed; returns the member's new total and the commit time."""
    from django.db import transaction

    from gamification.models import PointsTotal
    from gamification.services.points import record_action
    from people.models import Member

    member = Member.objects.get(pk=member_id)
    with transaction.atomic():
        record_action(member=member, action=ACTION, ref=ref)
        total = PointsTotal.objects.get(member=member).total
    return total, time.time()


async def measure(port, session_key, member_id, clients, rounds, interval, burst_every, wave) -> dict:
    url = f"ws://127.0.0.1:{port}/ws/leaderboards/all/"
    headers = {"Cookie": f"sessionid={session_key}", "Origin": f"http://localhost:{port}"}
    stop = asyncio.Event()
    seen = [{} for _ in range(clients)]
    connected: list[float] = []
    tasks = []
    deadline = time.monotonic() + 300
    for start in range(0, clients, wave):  # in waves of simultaneous connects
        for i in range(start, min(clients, start + wave)):
            tasks.append(asyncio.ensure_future(watch(url, headers, member_id, seen[i], connected, stop)))
        done = min(clients, start + wave)
        while len(connected) + sum("error" in s for s in seen) < done and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
    await asyncio.sleep(2)  # let the last connect burst settle
    commits: dict[int, float] = {}
    loop = asyncio.get_running_loop()
    # Warm-up, not measured: the first leading and the first coalesced broadcast of a process
    # pay its start-up (the broadcasting thread's event loop and Redis connections, the first
    # query), once in a process's life, not per award.
    for label in ("warm-up:1", "warm-up:2"):
        await loop.run_in_executor(None, award, member_id, f"live:{time.time_ns()}:{label}")
        await asyncio.sleep(0.2)
    await asyncio.sleep(2)
    for r in range(rounds):
        total, at = await loop.run_in_executor(None, award, member_id, f"live:{time.time_ns()}:{r}")
        commits[total] = at
        # every burst_every-th round is followed at once by another: coalesced into one more
        await asyncio.sleep(0.2 if burst_every and r % burst_every == 0 else interval)
    await asyncio.sleep(3)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    delays, delivered, expected = [], 0, 0
    per_round = {total: [] for total in commits}
    for client in seen:
        for total, at in commits.items():
            expected += 1
            # a coalesced award shows up in a later board: delivered when a total >= it arrived
            times = [t for points, t in client.items() if isinstance(points, int) and points >= total]
            if times:
                delivered += 1
                delays.append(max(0.0, min(times) - at))
                per_round[total].append(delays[-1])
    if os.environ.get("BENCH_VERBOSE"):
        for total, values in sorted(per_round.items()):
            print(
                f"award {total}: p50 {percentile(values, 0.5) * 1000:.0f} ms, max {max(values, default=0) * 1000:.0f} ms"
            )
    return {
        "clients": clients,
        "connected": len(connected),
        "errors": sum("error" in s for s in seen),
        "rounds": rounds,
        "connect_to_board_p50_ms": percentile(connected, 0.5) * 1000,
        "connect_to_board_p99_ms": percentile(connected, 0.99) * 1000,
        "delay_p50_ms": percentile(delays, 0.5) * 1000,
        "delay_p95_ms": percentile(delays, 0.95) * 1000,
        "delay_p99_ms": percentile(delays, 0.99) * 1000,
        "delay_max_ms": max(delays, default=float("nan")) * 1000,
        "delivered_pct": 100 * delivered / expected if expected else 0.0,
        "within_1s_pct": 100 * sum(d <= 1.0 for d in delays) / expected if expected else 0.0,
    }


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def run_live_boards(
    *,
    clients: int = 2000,
    workers: int = 1,
    rounds: int = 20,
    interval: float = 1.5,
    burst_every: int = 4,
    variant: str = "ours",
    wave: int = 50,
    database_url: str = DEFAULT_DATABASE_URL,
    redis_url: str = DEFAULT_REDIS_URL,
) -> dict:
    """One run: returns the figures (see the module docstring) with the run's parameters."""
    ensure_database(database_url)
    flush_redis(redis_url)
    env = environment(database_url, redis_url, variant)
    member_id, session_key = prepare(env)
    port = free_port()
    server = start_server(env, port, workers)
    try:
        time.sleep(2)
        pids = children(server.pid) if workers > 1 else [server.pid]
        idle = rss_mb(pids)
        result = {}
        holder = threading.Thread(
            target=lambda: result.update(
                asyncio.run(measure(port, session_key, member_id, clients, rounds, interval, burst_every, wave))
            )
        )
        holder.start()
        # memory once everyone is connected (sampled while the rounds run)
        peak = idle
        while holder.is_alive():
            peak = max(peak, rss_mb(pids))
            holder.join(1.0)
    finally:
        server.terminate()
        server.wait(30)
        flush_redis(redis_url)
    result.update(
        variant=variant,
        wave=wave,
        workers=workers,
        worker_rss_idle_mb=idle,
        worker_rss_peak_mb=peak,
        mb_per_1000_sockets=(peak - idle) / max(1, result.get("connected", 0)) * 1000,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--interval", type=float, default=1.5)
    parser.add_argument("--burst-every", type=int, default=4)
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="ours")
    parser.add_argument("--wave", type=int, default=50, help="clients connecting at once")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args()
    result = run_live_boards(
        clients=args.clients,
        workers=args.workers,
        rounds=args.rounds,
        interval=args.interval,
        burst_every=args.burst_every,
        variant=args.variant,
        wave=args.wave,
        database_url=args.database_url,
        redis_url=args.redis_url,
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
