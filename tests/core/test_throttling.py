"""core/throttling.py: the API's rate limits count in a sliding window at one cache round trip
a request. The API tests run on the embedded default's memory in one lane and on Redis in the
other; the round-trip test needs Redis."""

import datetime as dt
import math

import pytest
import time_machine
from django.core.cache import caches
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from cms.settings.base import redis_services
from core.cache import ResilientRedisCache, count_in_window
from core.throttling import estimate, seconds_until_allowed
from tests.factories import MemberFactory

MINUTE = 60


def test_the_previous_windows_count_slides_out_as_the_window_moves_on():
    assert estimate(previous=10, current=2, elapsed=0.0) == 12
    assert estimate(previous=10, current=2, elapsed=0.25) == 9.5
    assert estimate(previous=10, current=2, elapsed=1.0) == 2


@pytest.mark.parametrize(
    "previous, current, elapsed, seconds",
    [
        (0, 1, 0.5, 0.0),  # room now
        (3, 1, 0.5, 10.0),  # room once two thirds of the previous window have slid out
        (0, 3, 0.5, 50.0),  # full: the rest of this window and a third of the next
        (0, 6, 0.0, 100.0),  # twice over (a limit lowered): two thirds of the next window too
    ],
)
def test_the_wait_is_until_one_more_request_fits(previous, current, elapsed, seconds):
    waited = seconds_until_allowed(previous=previous, current=current, elapsed=elapsed, limit=3, duration=MINUTE)
    assert waited == pytest.approx(seconds)
    later = elapsed + waited / MINUTE
    if later < 1:
        assert estimate(previous=previous, current=current + 1, elapsed=later) <= 3 + 1e-9
    else:  # in the next window this one's count is the previous
        assert estimate(previous=current, current=1, elapsed=later - 1) <= 3 + 1e-9


@pytest.fixture
def three_a_minute(monkeypatch):
    # DRF reads the rates once, into the class.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "3/minute"})


def test_a_member_gets_three_calls_a_minute_then_429_with_the_wait_and_refusals_do_not_count(three_a_minute, db):
    api = APIClient()
    api.force_authenticate(MemberFactory())
    start = dt.datetime(2027, 3, 3, 9, 15, 30, tzinfo=dt.UTC)  # half-way through a minute
    with time_machine.travel(start, tick=False) as traveller:
        assert [api.get("/api/v1/me/").status_code for _ in range(3)] == [200, 200, 200]
        refused = api.get("/api/v1/me/")
        assert refused.status_code == 429
        assert refused.json()["code"] == "throttled"
        assert int(refused["Retry-After"]) == 50  # 30 s of this minute, 20 s of the next
        assert api.get("/api/v1/me/").status_code == 429  # still three counted, not five

        traveller.shift(30)  # a new minute, the previous one's three all inside the window
        assert api.get("/api/v1/me/").status_code == 429
        traveller.shift(21)  # more than a third of it slid out: room for one
        assert api.get("/api/v1/me/").status_code == 200
        assert api.get("/api/v1/me/").status_code == 429


def test_each_member_and_each_visitor_has_a_count_of_their_own(three_a_minute, db):
    first, second = APIClient(), APIClient()
    first.force_authenticate(MemberFactory())
    second.force_authenticate(MemberFactory())
    with time_machine.travel(dt.datetime(2027, 3, 3, 9, 15, 0, tzinfo=dt.UTC), tick=False):
        assert [first.get("/api/v1/me/").status_code for _ in range(4)] == [200, 200, 200, 429]
        assert second.get("/api/v1/me/").status_code == 200
        # A visitor is counted by address under the anonymous rate: refused for not being
        # logged in, never for the members' counts.
        assert APIClient().get("/api/v1/me/").status_code == 401


def test_counting_on_any_django_cache():
    cache = caches["default"]
    cache.delete_many(["count:now", "count:before"])
    cache.set("count:before", 7)
    assert count_in_window(cache, "count:now", "count:before", MINUTE) == (1, 7)
    assert count_in_window(cache, "count:now", "count:before", MINUTE) == (2, 7)
    assert cache.get("count:now") == 2  # a plain integer: get and incr read it too


@pytest.mark.redis
def test_on_redis_a_count_is_one_round_trip(redis_url, settings, monkeypatch):
    import redis.connection

    settings.CACHES = redis_services(redis_url)["CACHES"]
    cache = caches["default"]
    assert isinstance(cache, ResilientRedisCache)
    cache.delete_many(["count:now", "count:before"])
    cache.set("count:before", 4)
    count_in_window(cache, "count:now", "count:before", MINUTE)  # the connection is made
    sent = []
    real = redis.connection.AbstractConnection.send_packed_command
    monkeypatch.setattr(
        redis.connection.AbstractConnection,
        "send_packed_command",
        lambda self, *args, **kwargs: sent.append(1) or real(self, *args, **kwargs),
    )
    assert count_in_window(cache, "count:now", "count:before", MINUTE) == (2, 4)
    assert len(sent) == 1
    assert 0 < cache._cache.get_client(write=True).ttl(cache.make_key("count:now")) <= MINUTE
    assert math.isclose(cache.get("count:now"), 2)
