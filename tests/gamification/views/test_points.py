"""The points history page."""

import pytest

from gamification.services.points import record_action

pytestmark = pytest.mark.django_db


def test_points_history_page_and_api(logged_in, member, api, rule):
    record_action(member=member, action="test_action", ref="a", label="Shared the trade fair photo", url="/somewhere/")
    page = logged_in.get("/points/")
    assert page.status_code == 200
    assert b"Shared the trade fair photo" in page.content and b'href="/somewhere/"' in page.content
    data = api.get("/api/v1/me/points/").json()
    assert data["count"] == 1 and data["results"][0]["points"] == 10


def test_points_pages_need_login(client):
    assert client.get("/points/").status_code == 302
    assert client.get("/leaderboards/").status_code == 302
    assert client.get("/api/v1/me/points/").status_code == 401
    assert client.get("/api/v1/leaderboards/all/").status_code == 401
