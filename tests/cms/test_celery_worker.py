"""Tasks through a real Celery worker and a real Redis broker (not eager mode)."""

import pytest
from django.core import mail
from django.utils import timezone

from cms.celery import app
from people.models import Notification
from tests.factories import MemberFactory

pytestmark = pytest.mark.redis


@pytest.fixture
def worker(redis_url, transactional_db):
    from celery.contrib.testing.worker import start_worker

    previous = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    _forget_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
            yield app
    finally:
        app.conf.update(previous)
        _forget_connections()


def _forget_connections():
    """Celery caches the result backend (per thread) and the broker pool from the settings
    it first saw; drop them so the changed URLs apply."""
    app._local.__dict__.pop("backend", None)
    app._pool = None
    app.amqp._producer_pool = None


def test_a_notification_email_goes_through_the_worker_once(worker):
    from people.tasks import send_notification_email

    member = MemberFactory()
    notification = Notification.objects.create(
        member=member, kind="test", title="Via the worker", email_due_at=timezone.now()
    )
    first = send_notification_email.delay(notification.pk).get(timeout=20)
    second = send_notification_email.delay(notification.pk).get(timeout=20)
    assert (first, second) == (True, False)
    assert [m.subject for m in mail.outbox] == ["Via the worker"]


def test_badge_evaluation_runs_in_the_worker(worker):
    from gamification.models import BadgeAward
    from gamification.services.points import record_action
    from gamification.tasks import evaluate_badges
    from tests.gamification.factories import BadgeFactory, PointRuleFactory

    member = MemberFactory()
    PointRuleFactory(action="worker_test", label="Worker test", points=3)
    badge = BadgeFactory(slug="first-step", name="First step", description="Did it once", action="worker_test")
    record_action(member=member, action="worker_test", ref="1")
    assert evaluate_badges.delay(member.pk).get(timeout=20) in (0, 1)
    assert evaluate_badges.delay(member.pk).get(timeout=20) == 0
    assert BadgeAward.objects.filter(member=member, badge=badge).count() == 1


def test_awards_get_their_badges_from_one_coalesced_task_in_the_worker(worker, settings):
    """With a worker, an award marks its member due and one task a second evaluates them."""
    import time

    from gamification.models import BadgeAward
    from gamification.services import badge_evaluation
    from gamification.services.points import record_action
    from tests.gamification.factories import BadgeFactory, PointRuleFactory

    settings.CELERY_TASK_ALWAYS_EAGER = False
    badge_evaluation.due.client.delete(badge_evaluation.due.key)
    members = [MemberFactory() for _ in range(3)]
    PointRuleFactory(action="worker_due", label="Worker due", points=3)
    BadgeFactory(slug="worker-due", name="Due", description="Did it once", action="worker_due")
    for member in members:
        record_action(member=member, action="worker_due", ref="1")
    deadline = time.monotonic() + 20
    while BadgeAward.objects.count() < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(BadgeAward.objects.values_list("member_id", flat=True)) == sorted(m.pk for m in members)
