"""``/api/v1/me/points/`` and the standing in ``/api/v1/me/``."""

import pytest

from gamification.models import (
    Level,
)
from gamification.services.points import record_action
from tests.gamification.factories import PointRuleFactory

pytestmark = pytest.mark.django_db


def test_level_is_derived_from_points_when_masters_change_thresholds(member, api):

    PointRuleFactory(action="p", label="P", points=60)
    record_action(member=member, action="p", ref="1")
    assert api.get("/api/v1/me/").json()["level"]["number"] == 2
    level = Level.objects.get(number=2)
    level.threshold = 100  # as a Master saves it in the admin
    level.save()
    me = api.get("/api/v1/me/").json()
    assert me["points"] == 60 and me["level"]["number"] == 1 and me["level"]["points_to_next"] == 40
