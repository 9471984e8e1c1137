"""Redis goes away: members keep acting through the API and nothing they did is lost; once
Redis is back, the minute's beat task makes the Redis boards match the ledger again.

The test runs its own ``redis-server`` (tests/faults.py) for the cache, the broker, the
channel layer and the board index, as ``REDIS_URL`` configures them in production, and stops
it itself."""

import datetime
import logging
import time

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from cms.celery import app
from cms.settings.base import redis_services
from events.models import Registration
from gamification import tasks
from gamification.leaderboards.boards import BoardKey, parse_board
from gamification.leaderboards.fallback import FallbackBackend
from gamification.leaderboards.periods import PERIODS
from gamification.leaderboards.redis_index import RedisBackend
from gamification.leaderboards.sql import sql_backend
from gamification.models import PointsEntry
from people.models import Role
from tests.challenges.factories import ChallengeFactory, StoryFactory
from tests.events.factories import SessionFactory
from tests.factories import DepartmentFactory, MemberFactory, lessons_of, make_course
from tests.faults import celery_on

pytestmark = pytest.mark.redis

BACKOFF = 1.0  # seconds the board index leaves Redis alone after a failure (5 in production)


@pytest.fixture
def on_own_redis(own_redis, settings, tmp_path):
    """The cache, Celery's broker (a worker's, not eager), the channel layer and the board
    index on the test's own Redis, as production configures them from ``REDIS_URL``."""
    url = own_redis.url()
    for name, value in redis_services(url).items():
        setattr(settings, name, value)
    settings.REDIS_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.LEADERBOARD_BACKEND = "redis"
    settings.LEADERBOARD_KEY_PREFIX = "lb"
    settings.MEDIA_ROOT = tmp_path / "media"
    FallbackBackend.reset()
    FallbackBackend.instance().backoff = BACKOFF
    # Every task registered now: discovering them later sets Django up again, and with it
    # the logging configuration (the test reads the warnings).
    app.loader.import_default_modules()
    with celery_on(app, url, broker_transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS):
        yield own_redis
    FallbackBackend.reset()


def _client(member) -> APIClient:
    client = APIClient()
    client.force_login(member)
    return client


def _boards(*names: str) -> list[BoardKey]:
    return [parse_board(name) for name in names]


def _run_beat_task() -> dict:
    """``ensure_leaderboards`` as a worker runs it for the beat (Celery's tracer, in this
    process). Read without ``get()``: an eager task run in another thread may have left
    Celery's process-wide "inside a task" flag set, which makes ``get()`` refuse."""
    result = tasks.ensure_leaderboards.apply()
    assert result.successful(), result.traceback
    return result.result


def _same_boards(boards: list[BoardKey]) -> None:
    redis_boards, sql = RedisBackend.from_settings(), sql_backend()
    assert redis_boards.is_ready()
    for board in boards:
        for period in PERIODS:
            for hidden in (False, True):
                expected = sql.top(board, period, 100, include_hidden=hidden)
                assert redis_boards.top(board, period, 100, include_hidden=hidden) == expected, (board, period)


def test_members_keep_acting_while_redis_is_down_and_the_boards_catch_up(transactional_db, on_own_redis, caplog):
    sales = DepartmentFactory(name="Sales")
    editor = MemberFactory(role=Role.EDITOR, department=sales)
    creator = MemberFactory(role=Role.CREATOR, department=sales)
    ambassador = MemberFactory(role=Role.AMBASSADOR, department=sales)
    course = make_course("Outage course", lessons=2)
    session = SessionFactory(capacity=5, starts_in=datetime.timedelta(days=3))
    challenge = ChallengeFactory()
    shared = StoryFactory(creator=creator, approved_by=editor)
    assert _run_beat_task()["rebuilt"]  # the index, built while Redis is up
    boards = _boards("all", f"department-{sales.pk}", f"challenge-{challenge.pk}")
    _same_boards(boards)
    before = PointsEntry.objects.count()

    on_own_redis.stop()
    with caplog.at_level(logging.WARNING):
        as_ambassador, as_creator, as_editor = _client(ambassador), _client(creator), _client(editor)
        responses = {
            "register": as_ambassador.post(f"/api/v1/sessions/{session.pk}/registration/"),
            "lesson": as_ambassador.post(f"/api/v1/lessons/{lessons_of(course)[0].pk}/complete/"),
            "share": as_ambassador.post(f"/api/v1/stories/{shared.pk}/shares/", {"network": "linkedin"}, format="json"),
            "submit": as_creator.post(
                "/api/v1/stories/", {"text": "We won it", "challenge": challenge.pk}, format="multipart"
            ),
        }
        story_id = responses["submit"].json()["id"]
        responses["review"] = as_editor.post(f"/api/v1/stories/{story_id}/review/", {"decision": "approve"})
        responses["board"] = as_ambassador.get(f"/api/v1/leaderboards/department-{sales.pk}/")
        responses["me"] = as_ambassador.get("/api/v1/me/")
        responses["notifications"] = as_creator.get("/api/v1/notifications/")
    failed = {name: (r.status_code, r.content[:200]) for name, r in responses.items() if not 200 <= r.status_code < 300}
    assert failed == {}
    assert "Redis cache unavailable" in caplog.text  # said out loud, once per process
    # The ledger has every award the actions earned.
    assert Registration.objects.filter(session=session, member=ambassador).exists()
    earned = set(PointsEntry.objects.order_by().values_list("member_id", "action")[before:])
    assert {
        (ambassador.pk, "lesson_completed"),
        (ambassador.pk, "story_shared"),
        (creator.pk, "story_approved"),
    } <= earned
    # The board the ambassador read during the outage was ranked in SQL, from the ledger.
    sql_top = sql_backend().top(BoardKey("department", sales.pk), "all", 10)
    assert [(r["rank"], r["points"]) for r in responses["board"].json()["results"]] == [
        (row.rank, row.points) for row in sql_top
    ]

    # Redis comes back empty; within the minute the beat runs the check, which rebuilds.
    on_own_redis.start()
    every_minute = [
        entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "gamification.tasks.ensure_leaderboards"
    ]
    assert every_minute and every_minute[0].remaining_estimate(timezone.now()) <= datetime.timedelta(minutes=1)
    assert _run_beat_task()["rebuilt"]
    _same_boards(boards)
    # Reading the boards again once the back-off is over (the web process catches up on the
    # awards it could not index) counts nothing twice.
    time.sleep(BACKOFF)
    assert as_ambassador.get(f"/api/v1/leaderboards/department-{sales.pk}/").status_code == 200
    assert as_ambassador.get("/api/v1/leaderboards/all/").status_code == 200
    _same_boards(boards)
    assert _run_beat_task() == {}  # nothing left to do
