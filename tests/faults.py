"""What the fault tests start and stop themselves: a ``redis-server`` of their own on a free
port (never the shared one the suite's other tests use), and Celery pointed at it."""

import contextlib
import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """``redis-server`` without persistence (``--save "" --appendonly no``): stopped and
    started again, it comes back empty, as a cache-only Redis does after a restart."""

    def __init__(self, directory: Path, *, password: str = ""):
        self.directory = directory
        self.password = password
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("redis-server") is not None

    def url(self, db: int = 0) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/{db}"

    def start(self, timeout: float = 10) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--loglevel",
                "warning",
                *(["--requirepass", self.password] if self.password else []),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, password=self.password or None, socket_connect_timeout=0.2)
        deadline = time.monotonic() + timeout
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server on port {self.port} did not start") from None
                time.sleep(0.05)
            finally:
                client.close()

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def forget_celery_connections(app) -> None:
    """Celery caches the result backend (per thread) and the broker pool from the settings it
    first saw; drop them so changed URLs apply."""
    app._local.__dict__.pop("backend", None)
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def celery_on(app, broker_url: str, **conf):
    """``app`` sends to ``broker_url`` (not eagerly) for the duration, then as before."""
    conf = {"broker_url": broker_url, "task_always_eager": False, "result_backend": None, **conf}
    previous = {key: app.conf[key] for key in conf}
    app.conf.update(conf)
    forget_celery_connections(app)
    try:
        yield app
    finally:
        app.conf.update(previous)
        forget_celery_connections(app)
