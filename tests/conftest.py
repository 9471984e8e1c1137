import contextlib
import datetime
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from rest_framework.test import APIClient

from tests import clock, dbtemplate, migrations
from tests.factories import PASSWORD, MemberFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


# --- The clock ------------------------------------------------------------------------
# Every test runs at a pinned moment (time moves on from it), never at the day it happens to
# run on; tests marked ``clock`` run once at each awkward moment (tests/clock.py).


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def pytest_configure(config):
    # Counted from the controller's date, so that xdist workers collect the same moments.
    os.environ.setdefault(clock.BASE_DATE_ENV, clock.base_date(_zone()).isoformat())
    dbtemplate.run_id()  # before the workers start, so that they inherit it
    from django.test.testcases import LiveServerThread

    from tests.sqlite_serialised.live_server import SerialisedWSGIServer

    LiveServerThread.server_class = SerialisedWSGIServer


# --- The test database: migrated once per run, copied per xdist worker and back after every
# transactional test (tests/dbtemplate.py)


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings, tmp_path_factory):
    from django.test import TransactionTestCase

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    shared = tmp_path_factory.getbasetemp().parent  # one folder for all workers of the run
    with django_db_blocker.unblock():
        original = dbtemplate.set_up(connection, shared=shared, worker=worker, on_the_way=migrations.on_the_way())
    # A transactional test ends with a copy of the migrated template instead of a flush, and
    # so needs no serialized rollback at its start (the rows it would restore are there); it
    # starts on a connection of its own, never one that a copy (which ends the other sessions
    # on the worker's PostgreSQL database) may have ended.
    patched = {
        "_fixture_teardown": TransactionTestCase._fixture_teardown,
        "_fixture_setup": TransactionTestCase._fixture_setup,
    }
    TransactionTestCase._fixture_teardown = lambda self: dbtemplate.restore(connection)
    TransactionTestCase._fixture_setup = classmethod(lambda cls: connection.close())
    yield
    for name, method in patched.items():
        setattr(TransactionTestCase, name, method)
    with django_db_blocker.unblock():
        dbtemplate.tear_down(connection, original)


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        return  # a worker: the controller drops the template once every worker is done
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        dbtemplate.drop_postgres_template(settings.DATABASES["default"])


def _default_moment() -> clock.Moment:
    zone = _zone()
    return clock.from_env(zone) or clock.ordinary(clock.base_date(zone), zone)


def _clock_moments() -> list[clock.Moment]:
    zone = _zone()
    pinned = clock.from_env(zone)
    if pinned:  # TEST_CLOCK: the whole suite at that one moment
        return [pinned]
    # The ordinary moment is every other test's; these run where calendars break.
    return clock.awkward(clock.base_date(zone), zone)


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("clock") and "clock_moment" in metafunc.fixturenames:
        moments = _clock_moments()
        metafunc.parametrize("clock_moment", moments, ids=[moment.id for moment in moments])


@pytest.fixture(scope="session", autouse=True)
def _session_clock():
    """Session and module fixtures (the test database, a seeded demo) see the default moment too."""
    with time_machine.travel(_default_moment().at, tick=True):
        yield


@pytest.fixture
def clock_moment() -> clock.Moment:
    """The moment this test starts at (parametrised for tests marked ``clock``)."""
    return _default_moment()


@pytest.fixture(autouse=True)
def _pinned_clock(clock_moment):
    with time_machine.travel(clock_moment.at, tick=True):
        yield


@pytest.fixture(scope="session", autouse=True)
def _private_media(tmp_path_factory):
    """Report exports and story media the tests store go to a folder of the run, never to
    the project's var/private-media. Tests that look at the files set their own."""
    previous = settings.PRIVATE_MEDIA_ROOT
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private-media")
    yield
    settings.PRIVATE_MEDIA_ROOT = previous


# --- Rows a module's tests share -------------------------------------------------------
# Building Wagtail pages or the demo takes longer than most tests; a module that only reads
# them builds them once. Tests in such a module run in savepoints inside the module's
# transaction (their own changes roll back as usual) and must not be transactional.

SHARED_ROWS_AGE = datetime.timedelta(minutes=10)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around the module: what module-scoped fixtures build in it stays for the
    module's tests and is rolled back after the last one."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_rows(module_db, django_db_blocker):
    """``with shared_rows(): ...`` in a module-scoped fixture builds rows for the module's tests:
    database access, ten minutes before the moment the tests start at (as if the rows had
    been made before the test came along)."""

    @contextlib.contextmanager
    def building():
        with django_db_blocker.unblock(), time_machine.travel(_default_moment().at - SHARED_ROWS_AGE, tick=True):
            yield

    return building


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo organisation (``seed_demo``) for the module's tests that read it: seeded once
    per run (the first worker to need it builds it, the others wait for it and copy it), ten
    minutes before the tests' moment, with its after-commit work (board index, badge checks)
    dropped as in any test transaction, then copied in before each module that asks
    (tests/dbtemplate.py) and the migrated template copied back after it. Ask for it
    before fixtures that build shared rows (those run inside the module's transaction)."""
    from django.core.management import call_command
    from django.test import override_settings

    def build():
        moment = _default_moment().at - SHARED_ROWS_AGE
        with time_machine.travel(moment, tick=True), override_settings(DEBUG=True), transaction.atomic():
            call_command("seed_demo", verbosity=0)
            connection.run_on_commit.clear()

    with django_db_blocker.unblock():
        assert not connection.in_atomic_block, "ask for `demo` before fixtures that use `shared_rows`"
        dbtemplate.restore_or_build(connection, "demo", build)
    yield
    with django_db_blocker.unblock():
        dbtemplate.restore(connection)


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


@pytest.fixture
def own_redis(tmp_path):
    """A ``redis-server`` of the test's own on a free port, started, that the test may stop
    and start (tests/faults.py); stopped afterwards. Never the shared server."""
    from tests.faults import RedisServer

    if not RedisServer.available():
        _missing("redis-server (apt-get install redis-server)")
    from core.cache import ResilientRedisCache

    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()
    # The process's record of this server's outage goes with it (a later test may get its port).
    ResilientRedisCache._outages.clear()


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
