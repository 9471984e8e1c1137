"""``/api/v1/badges/``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gamification.models import (
    BadgeCriterion,
)
from gamification.services.badges import award
from tests.gamification.factories import BadgeFactory

pytestmark = pytest.mark.django_db


def _badges_for_api(member, how_many):
    for i in range(how_many):
        kind = [BadgeCriterion.ACTION_COUNT, BadgeCriterion.LEVEL, BadgeCriterion.MANUAL][i % 3]
        badge = BadgeFactory(criterion=kind, action="lesson_completed", level=3, count=2)
        if i % 2 == 0:
            award(member=member, badge=badge)


def test_api_lists_badges_with_earned_flags_in_constant_queries(api, member, django_assert_max_num_queries):
    _badges_for_api(member, 2)
    with CaptureQueriesContext(connection) as two:
        response = api.get("/api/v1/badges/")
    assert response.status_code == 200
    assert [row["earned"] for row in response.json()].count(True) == 1
    _badges_for_api(member, 8)
    with django_assert_max_num_queries(len(two.captured_queries)):
        response = api.get("/api/v1/badges/")
    rows = response.json()
    assert len(rows) == 10 and sum(row["earned"] for row in rows) == 5
    row = next(row for row in rows if row["earned"])
    assert set(row) >= {"id", "name", "description", "image_url", "criterion", "earned", "awarded_at", "assertion_url"}
    assert row["assertion_url"].endswith("/") and "/badges/assertions/" in row["assertion_url"]
    assert row["awarded_at"]
    unearned = next(row for row in rows if not row["earned"])
    assert unearned["awarded_at"] is None and unearned["assertion_url"] is None


def test_api_needs_a_signed_in_member(anon_api):
    assert anon_api.get("/api/v1/badges/").status_code == 401
