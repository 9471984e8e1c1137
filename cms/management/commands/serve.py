"""``manage.py serve``: the site and its scheduled work in one command (what `make run` starts).

Runs uvicorn (HTTP and WebSockets) and one Celery worker with beat embedded as child
processes, and stops both when either ends or on Ctrl-C. A real deployment runs these as
separate services instead (README, "Real services"); this exists so that the embedded default
(SQLite, no Redis) also opens challenges on time, sends reminders and digests and runs the
sweeps. Written here rather than with a process manager (honcho) to add no dependency for
two children."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site (uvicorn) with a Celery worker and beat for the scheduled work."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--no-worker", action="store_true", help="Serve only; nothing runs on a schedule.")

    def handle(self, *args, host, port, no_worker, **options):
        self._prepare_broker_folders()
        children = [
            self._start("server", server_command(host=host, port=port)),
        ]
        if not no_worker:
            children.append(self._start("worker", worker_command(), extra_env={"CELERY_TASK_ALWAYS_EAGER": "false"}))
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [child for child in children if child.returncode not in (0, -signal.SIGTERM, None)]
        if failed and not stopping:
            sys.exit(1)

    def _start(self, name: str, command: list[str], extra_env: dict[str, str] | None = None) -> subprocess.Popen:
        env = {**os.environ, **(extra_env or {})}
        self.stdout.write(f"Starting {name}: {' '.join(command)}")
        return subprocess.Popen(command, env=env)  # noqa: S603 (our own interpreter and arguments)

    def _prepare_broker_folders(self) -> None:
        for key in ("data_folder_in", "data_folder_out", "control_folder"):
            folder = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get(key)
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)


def server_command(*, host: str, port: str | int) -> list[str]:
    """uvicorn as production runs it (deploy/systemd/socialshift-web.service): the sans-I/O
    WebSocket implementation, without per-message compression (compressing every live board
    for every socket cost half of a broadcast's fan-out and half of each socket's memory)."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "cms.asgi:application",
        "--host",
        host,
        "--port",
        str(port),
        "--ws",
        "websockets-sansio",
        "--ws-per-message-deflate",
        "false",
    ]


def worker_command() -> list[str]:
    """One worker process (solo pool: SQLite prefers one writer) with beat embedded."""
    return [sys.executable, "-m", "celery", "-A", "cms", "worker", "--beat", "--pool=solo", "--loglevel=WARNING"]
