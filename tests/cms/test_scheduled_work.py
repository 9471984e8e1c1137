"""Scheduled work happens without anyone pressing a button: a real Celery worker and beat
(started in this process, as `manage.py serve` starts them beside the server) on the embedded
default's filesystem broker, and on Redis."""

import datetime
import threading
import time

import pytest
from celery import beat
from celery.contrib.testing.worker import start_worker
from django.db import connection
from django.utils import timezone

from challenges.models import Challenge, ChallengeState
from cms.celery import app
from people.models import Role
from tests import dbtemplate
from tests.factories import MemberFactory


def _forget_connections():
    """Celery caches the broker pool from the settings it first saw; drop it so the
    changed URL applies."""
    app._local.__dict__.pop("backend", None)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(params=["embedded", "redis"])
def worker_and_beat(request, transactional_db, tmp_path):
    if request.param == "redis":
        broker, options = request.getfixturevalue("redis_url"), {}
    else:
        broker = "filesystem://"
        options = {
            "data_folder_in": str(tmp_path / "queue"),
            "data_folder_out": str(tmp_path / "queue"),
            "control_folder": str(tmp_path / "control"),
            "store_processed": False,
        }
        for key in ("data_folder_in", "control_folder"):
            (tmp_path / options[key].rsplit("/", 1)[1]).mkdir(exist_ok=True)
    keys = ("broker_url", "broker_transport_options", "task_always_eager", "beat_scheduler", "result_backend")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_url=broker,
        broker_transport_options=options,
        task_always_eager=False,
        result_backend=None,
        # The configured schedule, kept in a file for this test instead of the database tables.
        beat_scheduler="celery.beat:PersistentScheduler",
    )
    _forget_connections()
    service = beat.Service(app=app, max_interval=1, schedule_filename=str(tmp_path / "beat-schedule"))
    thread = threading.Thread(target=service.start, daemon=True)
    try:
        with (
            dbtemplate.on_a_file(connection, tmp_path / "db.sqlite3"),
            start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10),
        ):
            thread.start()
            yield request.param
            service.stop()
            thread.join(10)
    finally:
        app.conf.update(previous)
        _forget_connections()


def test_a_challenge_scheduled_a_few_seconds_ahead_opens_by_itself(worker_and_beat):
    master = MemberFactory(role=Role.MASTER)
    now = timezone.now()
    challenge = Challenge.objects.create(
        title="Share a success moment",
        kind="story",
        state=ChallengeState.SCHEDULED,
        opens_at=now + datetime.timedelta(seconds=3),
        closes_at=now + datetime.timedelta(days=7),
        created_by=master,
    )
    # Beat ticks every 10 s, but the one solo worker also runs the other periodic tasks that
    # fall due at start (xAPI sending, board rebuilds, spam model): on a loaded 2-core CI
    # machine 45 s was once too short. A failure still means it never opened.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        challenge.refresh_from_db()
        if challenge.state == ChallengeState.OPEN:
            break
        time.sleep(0.25)
    assert challenge.state == ChallengeState.OPEN, worker_and_beat
    assert challenge.opened_at >= challenge.opens_at
