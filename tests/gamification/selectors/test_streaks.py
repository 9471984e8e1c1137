"""Streaks of active weeks."""

import datetime

import pytest

from gamification.selectors.streaks import streak_from_weeks

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_streaks():
    monday = datetime.date(2026, 11, 23)
    weeks = [monday - datetime.timedelta(weeks=n) for n in (7, 6, 5, 2, 1)]
    assert streak_from_weeks(sorted(weeks), today=monday) == {"current": 2, "longest": 3}
    assert streak_from_weeks(sorted([*weeks, monday]), today=monday) == {"current": 3, "longest": 3}
    assert streak_from_weeks(sorted(weeks), today=monday + datetime.timedelta(weeks=1)) == {"current": 0, "longest": 3}
    assert streak_from_weeks([], today=monday) == {"current": 0, "longest": 0}
