"""challenges/tasks.py: each task runs its service, and the beat schedule names them."""

import datetime

import pytest
from django.utils import timezone

from challenges import tasks
from challenges.models import ChallengeState, ShareClick, SharingSettings

from .factories import ChallengeFactory, ShareLinkFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_the_opening_task_opens_and_closes_what_is_due():
    due = ChallengeFactory(scheduled=True, opens_at=timezone.now() - datetime.timedelta(minutes=1))
    assert tasks.open_and_close_challenges.delay().result == [1, 0]
    due.refresh_from_db()
    assert due.state == ChallengeState.OPEN
    assert tasks.open_and_close_challenges.delay().result == [0, 0]


def test_the_digest_task_sends_once_a_week():
    StoryFactory(approved=True)
    assert tasks.send_weekly_digests.delay().result >= 1
    assert tasks.send_weekly_digests.delay().result == 0


def test_the_retention_task_deletes_old_clicks():
    link = ShareLinkFactory()
    ShareClick.objects.create(
        link=link,
        day=datetime.date(2020, 1, 1),
        visitor_hash="a" * 64,
        created_at=timezone.now() - datetime.timedelta(days=40),
    )
    ShareClick.objects.create(link=link, day=timezone.localdate(), visitor_hash="b" * 64)
    settings_ = SharingSettings.load()
    settings_.click_retention_days = 30
    settings_.save()
    assert tasks.delete_old_share_clicks.delay().result == 1
    assert ShareClick.objects.count() == 1


def test_beat_schedule_names_registered_tasks(settings):
    from cms.celery import app

    app.loader.import_default_modules()
    mine = [
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"].startswith("challenges.")
    ]
    assert len(mine) == 3
    for name in mine:
        assert name in app.tasks
