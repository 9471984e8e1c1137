"""Open Badges 2.0 hosting: the recipient's hash."""

import pytest

from gamification.models import (
    BadgeCriterion,
)
from gamification.openbadges import hosting
from gamification.services.badges import award
from tests.gamification.factories import BadgeFactory

pytestmark = pytest.mark.django_db


def test_each_award_has_its_own_salt(member, earned):
    other = award(member=member, badge=BadgeFactory(criterion=BadgeCriterion.MANUAL))[0]
    assert other.salt != earned.salt
    assert (
        hosting.assertion_json(other)["recipient"]["identity"]
        != hosting.assertion_json(earned)["recipient"]["identity"]
    )
