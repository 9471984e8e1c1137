"""Badges by a Master's hand, and revocation."""

import pytest

from core.errors import InvalidInput, NotAllowed
from gamification.models import (
    BadgeAward,
    BadgeCriterion,
)
from gamification.services.badges import award_by_hand, revoke
from people.models import Notification
from tests.gamification.factories import BadgeFactory

pytestmark = pytest.mark.django_db


def test_award_by_hand_needs_a_reason_and_a_master(member, master, editor):
    badge = BadgeFactory(criterion=BadgeCriterion.MANUAL, name="Trade fair hero")
    with pytest.raises(InvalidInput):
        award_by_hand(member=member, badge=badge, reason="  ", by=master)
    with pytest.raises(NotAllowed):
        award_by_hand(member=member, badge=badge, reason="Great posts", by=editor)
    assert not BadgeAward.objects.exists()
    award, created = award_by_hand(member=member, badge=badge, reason="Great posts", by=master)
    assert created and award.reason == "Great posts" and award.awarded_by == master
    assert Notification.objects.filter(member=member, kind="badge_awarded").count() == 1
    assert award_by_hand(member=member, badge=badge, reason="Again", by=master)[1] is False


def test_revoke_service_needs_a_reason(member, master, earned):
    with pytest.raises(InvalidInput):
        revoke(award=earned, reason="", by=master)
    revoke(award=earned, reason="Mistake", by=master)
    earned.refresh_from_db()
    assert earned.revoked_at is not None and earned.revocation_reason == "Mistake"
