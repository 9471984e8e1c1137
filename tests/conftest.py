import os

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from tests.factories import PASSWORD, MemberFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _missing(what: str):
    """Skip a test whose service is absent, or fail it when CI says the service is required."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not configured")


@pytest.fixture
def require_postgres(db):
    if connection.vendor != "postgresql":
        _missing("PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def redis_url():
    url = settings.REDIS_URL
    if not url:
        _missing("Redis (set REDIS_URL)")
    import redis

    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError as exc:
        if REQUIRE_SERVICES:
            pytest.fail(f"Redis at {url} is required but not reachable: {exc}")
        pytest.skip(f"Redis not reachable: {exc}")
    return url


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """Code outside a request (services, tasks) speaks the active language; tests read it
    in English unless they switch to Dutch themselves."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _clean_cache():
    from django.core.cache import cache

    from core import memo

    cache.clear()
    memo.forget_all()  # process-local copies of rules, levels and coalescing windows
    yield


@pytest.fixture
def held_batches(settings, monkeypatch):
    """After-commit batches that wait until the test drains them: a long window and no
    thread (a thread sleeping through a minute-long window would hold up later tests)."""
    import threading

    from core import batching

    monkeypatch.setattr(batching, "_ensure_thread", lambda: None)
    monkeypatch.setattr(batching, "_wake", threading.Event())
    settings.AFTER_COMMIT_BATCH_SECONDS = 60


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def make_member(db):
    return MemberFactory


@pytest.fixture
def api(member):
    client = APIClient()
    # A real session, so the member's language applies as it does in the browser.
    client.force_login(member)
    return client


@pytest.fixture
def anon_api():
    return APIClient()


@pytest.fixture
def logged_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def master(db):
    """The organisation's Social Master."""
    from people.models import Role

    return MemberFactory(role=Role.MASTER, email="master@example.com", display_name="Master")


@pytest.fixture
def client_for(db):
    """``client_for(member)``: a page client signed in as ``member`` (a real session)."""
    from django.test import Client

    def make(member):
        client = Client()
        client.force_login(member)
        return client

    return make


@pytest.fixture
def api_for(db):
    """``api_for(member)``: an API client signed in as ``member`` (a real session)."""

    def make(member):
        client = APIClient()
        client.force_login(member)
        return client

    return make
