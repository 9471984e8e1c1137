"""Levels are derived from points."""

import pytest

from gamification.selectors.levels import level_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("points, level", [(0, 1), (49, 1), (50, 2), (149, 2), (150, 3), (3000, 10), (99999, 10)])
def test_level_edges(points, level):
    assert level_for(points).number == level
