"""The client side of ``bench/http_bench.py``: keep-alive HTTP/1.1 connections in a few
lines of asyncio (a client library would take more of the two CPUs the server needs), the
tallies, runs at a fixed concurrency, bursts released at one moment, and PostgreSQL's count of
sessions."""

import asyncio
import threading
import time
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- the client ----------------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection; a few lines of asyncio instead of a client library,
    so the client takes as little of the machine's two CPUs from the server as it can."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    async def request(self, method: str, path: str, token: str | None = None, body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Accept: application/json"]
        if token:
            head.append(f"Authorization: Token {token}")
        if method != "GET":
            head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status_line = await self.reader.readline()
        if not status_line:
            self.close()
            raise ConnectionError("closed by the server")
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, close = 0, False, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            content = b"".join(parts)
        else:
            content = await self.reader.readexactly(length) if length else b""
        if close:
            self.close()
        return status, content


class Tally:
    def __init__(self):
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.broken = 0

    def add(self, status: int | None, seconds: float) -> None:
        if status is None:
            self.broken += 1
            return
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.latencies.append(seconds * 1000)

    @property
    def errors(self) -> int:
        return self.broken + sum(n for status, n in self.statuses.items() if not 200 <= status < 300)

    def summary(self, seconds: float) -> dict:
        done = sum(self.statuses.values())
        return {
            "requests": done,
            "seconds": round(seconds, 2),
            "per_second": round(done / seconds, 1) if seconds else 0,
            "p50_ms": round(percentile(self.latencies, 50), 1),
            "p95_ms": round(percentile(self.latencies, 95), 1),
            "p99_ms": round(percentile(self.latencies, 99), 1),
            "errors": self.errors,
            "busy_503": self.statuses.get(503, 0),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "broken": self.broken,
        }


def variant_request(variant: str) -> tuple[str, str]:
    return {
        "bare": ("GET", "/bench/bare/"),
        "drf": ("GET", "/api/v1/bench/trivial/"),
        "leaderboard": ("GET", "/api/v1/leaderboards/all/"),
    }[variant]


async def throughput(port: int, variant: str, tokens: list[str], *, concurrency: int, seconds: float, start: int):
    """``concurrency`` clients asking one after the other for ``seconds``; returns the tally and
    where in ``tokens`` the next round goes on."""
    method, path = variant_request(variant)
    uses_token = variant != "bare"
    tally = Tally()
    cursor = [start]
    connections = [Connection(port) for _ in range(concurrency)]
    await asyncio.gather(*(c.open() for c in connections))
    deadline = time.perf_counter() + seconds

    async def client(connection: Connection) -> None:
        while time.perf_counter() < deadline:
            token = tokens[cursor[0] % len(tokens)] if uses_token else None
            cursor[0] += 1
            began = time.perf_counter()
            try:
                status, _body = await connection.request(method, path, token)
            except (OSError, ValueError, asyncio.IncompleteReadError):
                connection.close()
                status = None
            tally.add(status, time.perf_counter() - began)

    began = time.perf_counter()
    await asyncio.gather(*(client(c) for c in connections))
    elapsed = time.perf_counter() - began
    for connection in connections:
        connection.close()
    return tally, elapsed, cursor[0]


async def burst(port: int, method: str, path: str, tokens: list[str]) -> tuple[Tally, float, list[bytes]]:
    """One request per token over connections opened beforehand, all released at the same
    moment; returns the tally, the time from the release to the last answer, and the bodies."""
    connections = [Connection(port) for _ in tokens]
    await asyncio.gather(*(c.open() for c in connections))
    go = asyncio.Event()
    tally = Tally()
    bodies: list[bytes] = [b""] * len(tokens)
    ended = [0.0]

    async def one(i: int, connection: Connection, token: str) -> None:
        await go.wait()
        began = time.perf_counter()
        try:
            status, bodies[i] = await connection.request(method, path, token, b"{}")
        except (OSError, ValueError, asyncio.IncompleteReadError):
            status = None
        now = time.perf_counter()
        ended[0] = max(ended[0], now)
        tally.add(status, now - began)

    tasks = [asyncio.create_task(one(i, c, t)) for i, (c, t) in enumerate(zip(connections, tokens, strict=True))]
    await asyncio.sleep(0.2)  # every task waits on the event
    released = time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    for connection in connections:
        connection.close()
    return tally, ended[0] - released, bodies


class ConnectionCount(threading.Thread):
    """The most sessions PostgreSQL had on the bench database at once, sampled every 50 ms."""

    def __init__(self, admin_url: str, database: str):
        super().__init__(daemon=True)
        self.admin_url, self.database = admin_url, database
        self.most = 0
        self.done = threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            while not self.done.is_set():
                (count,) = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [self.database]
                ).fetchone()
                self.most = max(self.most, count)
                time.sleep(0.05)
