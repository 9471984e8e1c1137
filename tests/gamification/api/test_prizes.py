"""``/api/v1/prizes/``."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import LeaderboardVisibility
from tests.factories import MemberFactory
from tests.gamification.helpers import FORMULA, act, judged, make_period, now

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("prize_rules")]


def _count(api, url):
    api.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries), response.json()


def test_api_lists_and_shows_prizes_with_constant_queries(api, member):
    small = judged(2)
    list_small, body = _count(api, "/api/v1/prizes/")
    detail_small, detail = _count(api, f"/api/v1/prizes/{small.pk}/")
    assert body["results"][0]["id"] == small.pk
    assert len(body["results"][0]["winners"]) == 2
    assert body["results"][0]["tie_break"] and body["results"][0]["formula"] == FORMULA
    assert [w["rank"] for w in detail["winners"]] == [1, 2]
    assert len(detail["standings"]["results"]) == 2 and detail["standings"]["me"] is None

    large = judged(10)
    list_large, body = _count(api, "/api/v1/prizes/")
    detail_large, detail = _count(api, f"/api/v1/prizes/{large.pk}/")
    assert [len(p["winners"]) for p in body["results"]] == [10, 2] or [len(p["winners"]) for p in body["results"]] == [
        2,
        10,
    ]
    assert len(detail["standings"]["results"]) == 10
    assert list_small == list_large
    assert detail_small == detail_large


def test_api_detail_of_an_open_period_has_live_standings_and_me(api, member):
    period = make_period()
    anonymous = MemberFactory(leaderboard_visibility=LeaderboardVisibility.ANONYMOUS)
    act(anonymous, "story_approved", occurred_at=now() - datetime.timedelta(days=1))
    act(member, "story_shared", occurred_at=now() - datetime.timedelta(days=1))
    body = api.get(f"/api/v1/prizes/{period.pk}/").json()
    assert body["status"] == "open"
    assert body["standings"]["results"][0]["member"] == {"id": None, "name": "Anonymous ambassador"}
    assert body["standings"]["me"]["rank"] == 2 and body["standings"]["me"]["score"] == 5
    board = api.get(f"/api/v1/leaderboards/prize-{period.pk}/").json()
    assert [r["points"] for r in board["results"]] == [10, 5]


def test_api_needs_a_signed_in_member(anon_api):
    assert anon_api.get("/api/v1/prizes/").status_code == 401
