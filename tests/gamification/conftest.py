import uuid

import pytest
from django.core.signals import setting_changed

from gamification.leaderboards.fallback import FallbackBackend
from tests.factories import MemberFactory
from tests.gamification.factories import BadgeFactory, PointRuleFactory
from tests.gamification.helpers import PRIZE_RULES
from tests.gamification.leaderboards.helpers import Ledger, delete_prefix

BACKEND_SETTINGS = ("REDIS_URL", "LEADERBOARD_KEY_PREFIX", "LEADERBOARD_BACKEND")


@pytest.fixture(autouse=True)
def _board_backend_follows_settings():
    """The Redis board backend is built once per process from settings; a test that changes
    ``REDIS_URL``, the key prefix or the backend gets one built from its own values."""

    def reset(*, setting, **kwargs):
        if setting in BACKEND_SETTINGS:
            FallbackBackend.reset()

    setting_changed.connect(reset)
    yield
    setting_changed.disconnect(reset)
    FallbackBackend.reset()


@pytest.fixture
def rule(db):
    """A rule worth 10 points for ``test_action``."""
    return PointRuleFactory(action="test_action", label="Test", points=10)


@pytest.fixture
def prize_rules(db):
    """The point rules prize tests award. Transactional tests flush the data migration's
    rules, so (re)create them."""
    from gamification.models import PointRule

    for action, points in PRIZE_RULES.items():
        PointRule.objects.update_or_create(action=action, defaults={"label": action, "points": points, "active": True})


@pytest.fixture
def redis_boards(redis_url, settings):
    """A Redis board index of its own (a fresh key prefix), marked as built, read through
    ``get_backend()``; removed afterwards."""
    from gamification.leaderboards.redis_index import RedisBackend

    prefix = f"lbtest:{uuid.uuid4().hex[:12]}"
    settings.LEADERBOARD_KEY_PREFIX = prefix
    settings.LEADERBOARD_BACKEND = "redis"
    backend = RedisBackend.from_settings()
    backend.client.set(backend.ready_key, 1)
    yield backend
    for key in backend.client.scan_iter(match=f"{prefix}:*"):
        backend.client.delete(key)


@pytest.fixture
def key_prefix(settings):
    """Redis board keys of this test's own, removed afterwards (autouse in ``leaderboards/``)."""
    prefix = f"lbtest:{uuid.uuid4().hex[:12]}"
    settings.LEADERBOARD_KEY_PREFIX = prefix
    yield prefix
    if settings.REDIS_URL:
        delete_prefix(settings.REDIS_URL, prefix)


@pytest.fixture
def ledger(django_capture_on_commit_callbacks):
    """Awards and corrections through the real services, their after-commit work run."""
    return Ledger(django_capture_on_commit_callbacks)


@pytest.fixture
def editor(db):
    """An Editor: admin access, no gamification permissions."""
    from people.models import Role

    return MemberFactory(role=Role.EDITOR)


@pytest.fixture
def earned(member):
    """An award of an automatic badge, made by the engine."""
    from gamification.services.badge_evaluation import evaluate_for
    from tests.gamification.helpers import act

    badge = BadgeFactory(action="lesson_completed", count=1, name="First lesson", slug="first-lesson")
    act(member)
    (award,) = evaluate_for(member=member)
    assert award.badge == badge
    return award
