"""The Celery tasks and the beat schedule that names them."""

import datetime

import pytest

from gamification import tasks
from gamification.models import (
    PrizeStatus,
    PrizeWinner,
)
from tests.factories import MemberFactory
from tests.gamification.helpers import act, make_period, now
from tests.gamification.leaderboards.helpers import redis_backend, small_ledger

pytestmark = pytest.mark.django_db


def test_the_beat_schedule_names_tasks_that_exist():
    from django.conf import settings

    from cms.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


@pytest.mark.clock
def test_close_due_prizes_closes_only_periods_past_their_end():
    due = make_period(starts_at=now() - datetime.timedelta(days=90), ends_at=now() - datetime.timedelta(minutes=1))
    running = make_period()
    member = MemberFactory()
    act(member, "story_approved", occurred_at=due.starts_at + datetime.timedelta(days=1))
    assert tasks.close_due_prizes.delay().result == 1
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.status == PrizeStatus.JUDGED and running.status == PrizeStatus.OPEN
    assert due.ends_at < now()  # not moved
    assert PrizeWinner.objects.get(period=due).member == member
    assert tasks.close_due_prizes.delay().result == 0


def test_repair_without_a_built_index_rebuilds_everything(redis_url, key_prefix, ledger):
    from gamification import tasks

    _sales, members = small_ledger(ledger)
    result = tasks.repair_leaderboards()
    assert result["repaired"] == ["*"]
    backend = redis_backend(redis_url, key_prefix)
    assert backend.is_ready()
    assert tasks.repair_leaderboards()["repaired"] == []


def test_repair_task_is_a_no_op_without_redis(settings):
    from gamification import tasks

    settings.REDIS_URL = ""
    assert tasks.repair_leaderboards() == {}
