"""``/api/v1/leaderboards/<board>/``."""

import pytest

from gamification.services.points import record_action

pytestmark = pytest.mark.django_db


def test_leaderboard_api_shape(api, member, rule, make_member):
    others = [make_member() for _ in range(6)]
    for i, other in enumerate(others):
        for n in range(i + 1):
            record_action(member=other, action="test_action", ref=f"{n}")
    record_action(member=member, action="test_action", ref="mine")
    data = api.get("/api/v1/leaderboards/all/?period=week").json()
    assert [row["rank"] for row in data["results"]] == [1, 2, 3, 4, 5, 6, 6]
    assert data["me"]["rank"] == 6 and data["me"]["points"] == 10
    assert len(data["me"]["neighbours"]) == 3  # two above, one below (the end of the board)
    wrong_period = api.get("/api/v1/leaderboards/all/?period=year")
    assert wrong_period.status_code == 400
    assert wrong_period.json() == {"detail": "period must be one of: all, week, month.", "code": "invalid"}
    unknown = api.get("/api/v1/leaderboards/nonsense/")
    assert unknown.status_code == 404 and unknown.json() == {"detail": "No such board.", "code": "unknown_board"}
