"""The demo content strategy: goals with targets, six messages, tagged challenges and
stories, and guidelines every demo member accepted, seeded once."""

import pytest

from cms.demo.strategy import seed
from strategy import selectors
from strategy.models import Goal, GuidelinesAcceptance, KeyMessage
from tests.challenges.factories import ChallengeFactory, StoryFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_demo_strategy_is_seeded_once_with_everyone_accepting():
    members = [MemberFactory() for _ in range(3)]
    challenge = ChallengeFactory()
    story = StoryFactory()
    seed(members)
    seed(members)
    assert Goal.objects.count() == 3
    recruitment = Goal.objects.get(kind=Goal.Kind.RECRUITMENT)
    assert (recruitment.target, recruitment.measure) == (20, Goal.Measure.APPLICATIONS)
    assert recruitment.period_start <= recruitment.period_end
    assert KeyMessage.objects.count() == 6
    assert all(m.name_en for m in KeyMessage.objects.all())
    assert challenge.messages.count() == 2 and story.messages.count() == 1
    current = selectors.current_guidelines()
    assert current is not None and len(current.check_list) == 2
    assert GuidelinesAcceptance.objects.filter(guidelines=current).count() == len(members) + 1  # + the story's creator
    assert all(selectors.guidelines_accepted(member=m) for m in members)
