"""core/cache.py: the Redis cache fails open to the process's memory while Redis is away, and
limits kept in the cache (DRF's throttles, allauth's failed logins) go on counting per
process. Each test stops a ``redis-server`` of its own (tests/faults.py)."""

import logging

import pytest
from django.core.cache import caches
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from cms.settings.base import redis_services
from core.cache import ResilientRedisCache
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache(own_redis, settings, monkeypatch):
    """The default cache as production configures it, on the test's own Redis; a failure
    makes it leave Redis alone for a moment only."""
    monkeypatch.setattr(ResilientRedisCache, "RETRY_SECONDS", 0.0)
    settings.CACHES = redis_services(own_redis.url())["CACHES"]
    cache = caches["default"]
    assert isinstance(cache, ResilientRedisCache)
    return cache


def test_while_redis_is_away_the_cache_answers_from_memory_and_says_so(redis_cache, own_redis, caplog):
    redis_cache.set("kept", "in redis")
    assert redis_cache.get("kept") == "in redis"
    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert redis_cache.get("kept") is None  # a miss, not an error
        assert redis_cache.get("kept", "default") == "default"
        redis_cache.set("new", 1)
        assert redis_cache.get("new") == 1
        assert redis_cache.incr("new") == 2
        assert redis_cache.add("new", 5) is False
        assert redis_cache.get_or_set("computed", lambda: "loaded") == "loaded"
        assert redis_cache.get_many(["new", "computed", "nothing"]) == {"new": 2, "computed": "loaded"}
        redis_cache.delete("new")
        assert redis_cache.has_key("new") is False
        redis_cache.set_many({"a": 1, "b": 2})
        redis_cache.delete_many(["a"])
        assert redis_cache.get_many(["a", "b"]) == {"b": 2}
        redis_cache.clear()
    warnings = [r.getMessage() for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1 and "Redis cache unavailable" in warnings[0]

    # Redis is back (empty, as a restart without persistence leaves it): the cache is Redis
    # again, and what the process kept meanwhile is dropped.
    redis_cache.set("only-here", "memory")
    own_redis.start()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert redis_cache.get("only-here") is None
    assert "answers again" in caplog.records[-1].getMessage()
    redis_cache.set("kept", "in redis again")
    assert redis_cache._cache.get_client().exists(redis_cache.make_key("kept"))


def test_an_unreachable_redis_is_asked_again_only_after_the_retry_interval(redis_cache, own_redis, monkeypatch):
    own_redis.stop()
    monkeypatch.setattr(ResilientRedisCache, "RETRY_SECONDS", 60.0)
    calls = []
    real_get = redis_cache._cache.get
    monkeypatch.setattr(redis_cache._cache, "get", lambda *a: calls.append(a) or real_get(*a))
    for _ in range(5):
        assert redis_cache.get("x") is None
    assert len(calls) == 1  # one round trip that failed; the rest waited for the interval


def test_api_throttles_keep_counting_per_process_while_redis_is_away(redis_cache, own_redis, monkeypatch, db):
    # DRF reads the rates once, into the class.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "3/minute"})
    member = MemberFactory()
    api = APIClient()
    api.force_authenticate(member)
    own_redis.stop()
    statuses = [api.get("/api/v1/me/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_failed_logins_are_still_limited_per_process_while_redis_is_away(redis_cache, own_redis, settings, db):
    """The failed-login limits fail open to the process's memory, not to "no limit": a
    guesser gets one allowance per process while Redis is away, and members still log in."""
    settings.ACCOUNT_RATE_LIMITS = {"login": "", "login_failed": "3/5m/key"}
    member = MemberFactory()
    own_redis.stop()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    bodies = [
        client.post("/login/", {"login": member.email, "password": f"guess-{n}"}).content.decode() for n in range(5)
    ]
    assert ["Too many failed login attempts" in body for body in bodies] == [False, False, False, True, True]
    other = MemberFactory()
    assert Client().post("/login/", {"login": other.email, "password": PASSWORD}).status_code == 302


def test_the_threads_of_a_process_share_one_redis_client_and_its_connections(settings):
    """Django makes a cache object per thread, and under ASGI every request runs in a thread
    of its own: each must not open a connection of its own (no Redis needed: nothing
    connects until a command is sent)."""
    import threading

    settings.CACHES = redis_services("redis://127.0.0.1:6379/0")["CACHES"]
    seen = []

    def request():
        cache = caches["default"]
        seen.append((cache, cache._cache, cache._cache._get_connection_pool(write=True)))

    threads = [threading.Thread(target=request) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    request()
    assert len({id(cache) for cache, _client, _pool in seen}) == 4  # Django's object per thread
    assert len({id(client) for _cache, client, _pool in seen}) == 1
    assert len({id(pool) for _cache, _client, pool in seen}) == 1


def test_the_requests_of_a_process_share_what_they_know_of_an_outage(redis_cache, own_redis, monkeypatch):
    """Under ASGI each request has its own cache object: the second request after Redis went
    away must neither wait for Redis again within the retry interval nor start from an empty
    stand-in (the counts of the failed logins before it would be forgotten)."""
    import threading

    monkeypatch.setattr(ResilientRedisCache, "RETRY_SECONDS", 60.0)
    own_redis.stop()
    first = caches["default"]
    first.set("failed-logins", 3)
    seen = {}

    def another_request():
        cache = caches["default"]
        seen["cache"] = cache
        seen["reachable"] = cache._reachable()
        seen["value"] = cache.get("failed-logins")

    thread = threading.Thread(target=another_request)
    thread.start()
    thread.join()
    assert seen["cache"] is not first  # Django's object per thread
    assert seen["reachable"] is False  # the first request's failure holds for this one too
    assert seen["value"] == 3
