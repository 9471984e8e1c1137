"""A real Celery worker (``python -m celery -A cms worker``, prefork, as deployed) against a
``redis-server`` the test starts and stops itself: the worker survives the broker going away
and coming back, and a task whose worker was killed runs again, its effect once.

The worker imports this module (``--include``) for the task below: it awards points through
the real service (idempotent by its ``ref``), then waits for the test to release it, so the
test can kill the worker after the effect and before the acknowledgement, the worst moment."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from celery import shared_task
from django.conf import settings
from django.db import connection

from cms.celery import app
from tests import dbtemplate
from tests.faults import celery_on

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 2  # seconds before a killed worker's message is handed out again
REF = "worker-recovery:1"


@shared_task(name="tests.award_then_wait", acks_late=True)
def award_then_wait(member_id: int, folder: str) -> bool:
    """Award ``lesson_completed`` for ``REF``, then wait until ``folder/release`` exists.
    Leaves ``started-<n>`` (holding its pid) per run and ``done`` when it finishes."""
    from gamification.services.points import record_action
    from people.models import Member

    here = Path(folder)
    runs = len(list(here.glob("started-*")))
    (here / f"started-{runs}").write_text(str(os.getpid()))
    created = record_action(member=Member.objects.get(pk=member_id), action="lesson_completed", ref=REF).created
    while not (here / "release").exists():
        time.sleep(0.05)
    (here / "done").write_text(str(created))
    return created


@shared_task(name="tests.note", acks_late=True)
def note(path: str) -> None:
    Path(path).write_text("ran")


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """One ``celery worker`` process group, logging to a file the test reads."""

    def __init__(self, redis_url: str, folder: Path, name: str):
        self.log = folder / f"{name}.log"
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.test",
            DATABASE_URL=_database_url(),
            REDIS_URL=redis_url,
            CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--include",
                __name__,
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
                "--logfile",
                str(self.log),
                "--hostname",
                f"{name}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole, like a lost machine
        )

    def text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_for_log(self, needle: str, *, count: int = 1, timeout: float = 60) -> None:
        _wait(lambda: self.text().count(needle) >= count, timeout, f"{needle!r} x{count} in the worker log", self)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


def _wait(condition, timeout: float, what: str, worker: Worker | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            tail = worker.text()[-3000:] if worker else ""
            pytest.fail(f"no {what} after {timeout} s\n{tail}")
        time.sleep(0.1)


@pytest.fixture
def workers(transactional_db, own_redis, tmp_path):
    started: list[Worker] = []

    def start(name: str) -> Worker:
        worker = Worker(own_redis.url(), tmp_path, name)
        started.append(worker)
        worker.wait_for_log("ready.")
        return worker

    with dbtemplate.on_a_file(connection, tmp_path / "db.sqlite3"), celery_on(app, own_redis.url()):
        try:
            yield start
        finally:
            for worker in started:
                worker.stop()


def test_the_worker_outlives_the_broker_and_a_killed_task_runs_again_with_one_effect(workers, own_redis, tmp_path):
    from gamification.models import PointsEntry
    from tests.factories import MemberFactory

    first = workers("first")

    # The broker goes away for a few seconds and comes back (empty): the worker reconnects.
    own_redis.stop()
    first.wait_for_log("Cannot connect to redis", count=2)
    assert first.alive()
    assert "Trying again in 2.00 seconds... (1/None)" in first.text()  # no limit: never gives up
    own_redis.start()
    first.wait_for_log("Connected to redis", count=2)
    marker = tmp_path / "after-the-outage"
    note.delay(str(marker))
    _wait(marker.exists, 30, "task run after the outage", first)
    assert first.alive()

    # A task is killed after its effect and before its acknowledgement, twice: first its
    # pool process alone (the worker hands the task back), then the whole worker.
    member = MemberFactory()
    folder = tmp_path / "task"
    folder.mkdir()
    award_then_wait.delay(member.pk, str(folder))
    _wait(lambda: (folder / "started-0").exists(), 30, "first run", first)
    _wait(lambda: PointsEntry.objects.filter(ref=REF).exists(), 10, "award of the first run", first)
    os.kill(int((folder / "started-0").read_text()), signal.SIGKILL)
    _wait(lambda: (folder / "started-1").exists(), 30, "run after the pool process was killed", first)
    first.kill()

    second = workers("second")  # picks the message up once its visibility timeout is over
    _wait(lambda: (folder / "started-2").exists(), 45, "run in a new worker", second)
    (folder / "release").touch()
    _wait(lambda: (folder / "done").exists(), 30, "the task finishing", second)
    assert (folder / "done").read_text() == "False"  # the award was there already: not made again
    assert PointsEntry.objects.filter(member=member, ref=REF).count() == 1
    # Acknowledged now: nothing is left for a worker to take up again.
    broker = redis.Redis.from_url(own_redis.url())
    _wait(lambda: broker.hlen("unacked") == 0, 10, "acknowledgement", second)
    assert len(list(folder.glob("started-*"))) == 3
