"""The demo outcomes: managers, waves, self-reported results and conversions, idempotently."""

import pytest

from challenges.models import Conversion, Share
from cms.demo.outcomes import CONVERSIONS, seed
from people.models import Member, Role
from tests.challenges.factories import ShareFactory, ShareLinkFactory, StoryFactory
from tests.factories import DepartmentFactory, MemberFactory
from tests.strategy.factories import GoalFactory, KeyMessageFactory

pytestmark = pytest.mark.django_db


def test_demo_outcomes_seed_is_idempotent():
    sales, support = DepartmentFactory(name="Verkoop"), DepartmentFactory(name="Zorg")
    MemberFactory(email="activator@example.com", role=Role.ACTIVATOR, department=sales)
    MemberFactory(email="master@example.com", role=Role.MASTER)
    ambassadors = [MemberFactory(department=support) for _ in range(4)]
    message = KeyMessageFactory(goal=GoalFactory(name="Werving"))
    story = StoryFactory(approved=True)
    for member in ambassadors:
        ShareFactory(member=member, story=story)
        ShareLinkFactory(member=member, story=story)
    seed(ambassadors)
    seed(ambassadors)
    assert Member.objects.filter(manager_of__isnull=False).count() == 2
    assert set(Member.objects.values_list("wave", flat=True)) == {1, 2}
    assert Conversion.objects.count() == len(CONVERSIONS)
    assert Conversion.objects.filter(kind="application", story__messages=message).count() == 7
    assert Share.objects.filter(results_reported_at__isnull=False).count() == 4
    assert Member.objects.get(email="master@example.com").monthly_summary
