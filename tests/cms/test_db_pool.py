"""A bounded PostgreSQL connection pool under load: a real uvicorn with the production
settings and a pool of five connections gets 200 requests at once. PostgreSQL never sees
more than the pool's five connections from it; with a generous wait every request succeeds,
and with a short one a request that gets no connection in time is answered 503 with
Retry-After (JSON with the code ``busy`` for the API, the error page for the site), never 500
(core/busy.py)."""

import concurrent.futures
import http.client
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.faults import free_port

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
POOL_SIZE = 5
REQUESTS = 200


@pytest.fixture
def pg(transactional_db):
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("PostgreSQL is required (REQUIRE_SERVICES=1) but not configured")
        pytest.skip("PostgreSQL not configured (set DATABASE_URL)")
    return connection.settings_dict


def _database_url(db) -> str:
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(params=[0.5])
def server(pg, tmp_path, request):
    """uvicorn serving the site with ``cms.settings.production`` and ``DB_POOL`` on, five
    connections at most, half a second's wait for one (or as many seconds as the test's
    parameter says)."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="pool-test-only",
        DATABASE_URL=_database_url(pg),
        DB_POOL="on",
        DB_POOL_MIN_SIZE="1",
        DB_POOL_MAX_SIZE=str(POOL_SIZE),
        DB_POOL_TIMEOUT=str(request.param),
        MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="ERROR",
    )
    log = tmp_path / "uvicorn.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "cms.asgi:application", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(port, "/api/v1/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"uvicorn did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
        connection.close()  # the test's own connection is no part of the count
        yield port
    finally:
        process.terminate()
        process.wait(20)


def _get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        # Behind the proxy production expects (SECURE_PROXY_SSL_HEADER): the request is https.
        client.request("GET", path, headers={"X-Forwarded-Proto": "https", **(headers or {})})
        response = client.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        client.close()


class ConnectionCount(threading.Thread):
    """The most sessions PostgreSQL had on ``database`` at once, sampled every few ms from a
    session on another database."""

    def __init__(self, db):
        super().__init__(daemon=True)
        self.database = db["NAME"]
        self.params = {
            "dbname": "postgres",
            "user": db["USER"] or None,
            "password": db["PASSWORD"] or None,
            "host": db["HOST"] or None,
            "port": db["PORT"] or None,
        }
        self.most = 0
        self.samples = 0
        self.done = threading.Event()

    def run(self):
        with psycopg.connect(**{k: v for k, v in self.params.items() if v}, autocommit=True) as conn:
            while not self.done.is_set():
                (count,) = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [self.database]
                ).fetchone()
                self.most = max(self.most, count)
                self.samples += 1
                time.sleep(0.005)


def _burst(pg, port: int) -> tuple[list, "ConnectionCount"]:
    """200 requests at once (three in four to the API with a token, the rest to the login
    page); their answers, and the connections PostgreSQL saw meanwhile."""
    from people.services.tokens import api_token
    from tests.factories import MemberFactory

    token = api_token(member=MemberFactory())
    connection.close()
    api = ("/api/v1/me/", {"Authorization": f"Token {token}", "Accept": "application/json"})
    page = ("/login/", {"Accept": "text/html"})
    requests = [api if n % 4 else page for n in range(REQUESTS)]
    counter = ConnectionCount(pg)
    counter.start()
    start = threading.Barrier(REQUESTS)

    def send(request):
        path, headers = request
        start.wait()
        return path, _get(port, path, headers)

    with concurrent.futures.ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        results = list(pool.map(send, requests))
    counter.done.set()
    counter.join(10)
    return results, counter


@pytest.mark.parametrize("server", [30], indirect=True)
def test_two_hundred_requests_at_once_wait_their_turn_on_five_connections_and_all_succeed(pg, server):
    """With a wait as long as a visitor's patience, a burst queues for the pool: every request
    succeeds, and PostgreSQL never sees more than the pool's connections."""
    results, counter = _burst(pg, server)
    assert [status for _path, (status, _h, _b) in results] == [200] * REQUESTS
    assert counter.samples > 10
    assert counter.most <= POOL_SIZE + 1, counter.most  # + the count's own margin


def test_two_hundred_requests_at_once_share_five_connections_and_get_200_or_503(pg, server):
    results, counter = _burst(pg, server)

    statuses = sorted({status for _path, (status, _h, _b) in results})
    assert set(statuses) <= {200, 503}, statuses
    busy = [(path, headers, body) for path, (status, headers, body) in results if status == 503]
    assert busy, "a pool of five and half a second's wait: some of 200 requests at once must be told to retry"
    assert len(busy) < REQUESTS
    for path, headers, body in busy:
        assert headers.get("retry-after", "").isdigit(), path
        if path.startswith("/api/"):
            assert b'"code":"busy"' in body.replace(b" ", b""), body[:200]
        else:
            assert headers["content-type"].startswith("text/html") and b"<html" in body, body[:200]
    assert counter.samples > 10
    assert counter.most <= POOL_SIZE + 1, counter.most  # + the count's own margin
