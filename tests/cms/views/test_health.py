"""``/health/``: 200 when the site can serve, 503 naming what failed, never a secret."""

import datetime

import pytest
import time_machine
from django.db import OperationalError, connection
from django.utils import timezone

from cms.services.heartbeat import record_worker_heartbeat
from tests.conftest import REQUIRE_SERVICES
from tests.faults import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def healthy(settings, tmp_path):
    """Everything this deployment has is up: a fresh heartbeat, room for media and, on the
    embedded broker, its folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.HEALTH_MEDIA_MIN_FREE_MB = 1
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        for name in ("queue", "control"):
            (tmp_path / name).mkdir()
        settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
            "data_folder_in": str(tmp_path / "queue"),
            "data_folder_out": str(tmp_path / "queue"),
            "control_folder": str(tmp_path / "control"),
        }
    record_worker_heartbeat()
    return settings


def test_everything_up_answers_200_in_a_handful_of_queries(client, healthy, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/health/")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok" and body["failed"] == []
    assert {"database", "worker", "media_disk"} <= set(body["checks"])
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_unreachable_database_answers_503_naming_it_and_not_its_address(client, healthy, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError(
            'connection to server at "db.internal" (10.1.2.3), port 5432 failed: '
            'password authentication failed for user "socialshift"'
        )

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert "database" in body["failed"]
    assert body["checks"]["database"] == "Unavailable: cannot query the database (OperationalError)"
    text = response.content.decode()
    for secret in ("db.internal", "10.1.2.3", "5432", "socialshift"):
        assert secret not in text


def test_a_stale_worker_heartbeat_answers_503(client, healthy):
    assert client.get("/health/").status_code == 200
    healthy.HEALTH_WORKER_STALE_MINUTES = 5
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]
    assert response.json()["checks"]["worker"] == "Unavailable: last worker heartbeat 6 minutes ago"


def test_a_fresh_heartbeat_from_the_beat_task_makes_the_worker_healthy_again(client, healthy):
    from cms.tasks import record_worker_heartbeat as task

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=30), tick=False):
        assert client.get("/health/").json()["failed"] == ["worker"]
        task.delay()
        assert client.get("/health/").status_code == 200


def test_too_little_room_for_media_answers_503(client, healthy):
    healthy.HEALTH_MEDIA_MIN_FREE_MB = 10**12
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["failed"] == ["media_disk"]


def test_a_new_installation_without_a_media_folder_yet_is_healthy(client, healthy, tmp_path):
    """``make run`` in a fresh clone: nothing uploaded, so no MEDIA_ROOT yet."""
    healthy.MEDIA_ROOT = tmp_path / "var" / "media"
    response = client.get("/health/")
    assert response.status_code == 200, response.json()


def test_a_media_root_that_cannot_be_made_answers_503(client, healthy, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    healthy.MEDIA_ROOT = tmp_path / "a-file" / "media"
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["failed"] == ["media_disk"]


def test_a_missing_embedded_broker_folder_answers_503(client, healthy, tmp_path):
    healthy.CELERY_BROKER_URL = "filesystem://"
    healthy.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path / "gone")}
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["failed"] == ["broker"]


def test_load_balancers_are_never_throttled(client, healthy):
    healthy.REST_FRAMEWORK = {
        **healthy.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "1/minute"},
    }
    statuses = {client.get("/health/").status_code for _ in range(5)}
    assert statuses == {200}


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own, with a password, on a free port; yields its URL and
    a function that stops it."""
    if not RedisServer.available():
        if REQUIRE_SERVICES:
            pytest.fail("redis-server is required (REQUIRE_SERVICES=1) but not installed")
        pytest.skip("redis-server not installed")
    server = RedisServer(tmp_path / "redis", password="s3cret-pass")
    server.start()
    yield server.url(14), server.stop
    server.stop()


def test_a_stopped_redis_answers_503_naming_it_and_no_secret(client, healthy, own_redis):
    url, stop = own_redis
    healthy.REDIS_URL = url
    healthy.CELERY_BROKER_URL = url
    response = client.get("/health/")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["redis"] == "ok"

    stop()
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert "redis" in body["failed"] and "broker" in body["failed"]
    text = response.content.decode()
    port = url.rsplit(":", 1)[1].split("/")[0]
    for secret in ("s3cret-pass", "127.0.0.1", port, url):
        assert secret not in text
