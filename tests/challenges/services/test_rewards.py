"""challenges/services/rewards.py: a challenge's own point rules follow what the Master set."""

import pytest

from challenges.services.rewards import challenge_rule, story_boards
from gamification.models import PointRule

from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_a_challenges_rule_follows_its_points():
    challenge = ChallengeFactory(title="Trade fair")
    action = challenge_rule(challenge=challenge, what="entry", points=15)
    assert action == f"challenge-{challenge.pk}-entry"
    rule = PointRule.objects.get(action=action)
    assert (rule.points, rule.label_en) == (15, "Entry for challenge “Trade fair”")
    challenge_rule(challenge=challenge, what="entry", points=25)
    assert PointRule.objects.get(action=action).points == 25


def test_a_story_counts_on_its_challenges_board_only_when_it_has_one():
    challenge = ChallengeFactory()
    assert story_boards(StoryFactory(challenge=challenge)) == [challenge.board]
    assert story_boards(StoryFactory()) == []
