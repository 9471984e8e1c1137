import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, REST_FRAMEWORK, redis_services

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Throttling is tested on purpose with its own rates; the rest of the suite must not trip it.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": "10000/minute",
        "user": "10000/minute",
        "login": "10000/minute",
        "conversions": "10000/minute",
    },
    # The API takes JSON (multipart only where files travel): so does APIClient unless told.
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}


def _redis_db_of_worker(url: str, worker: str) -> str:
    """``url`` with its database number moved up by the xdist worker's index (gw0 +0, gw1 +1…),
    so parallel workers never flush or read each other's keys, queues and channels."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{base + int(worker.removeprefix('gw'))}"))


if REDIS_URL:
    if os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
        REDIS_URL = _redis_db_of_worker(REDIS_URL, os.environ["PYTEST_XDIST_WORKER"])
        vars().update(redis_services(REDIS_URL))
    # Keep the test run's keys apart from a developer's data on the same server.
    CACHES["default"]["KEY_PREFIX"] = "test"
# Live board broadcasts are tested on purpose (tests/gamification); elsewhere they would
# only start timer threads that outlive the test's database.
LEADERBOARD_BROADCASTS = False
# Index and badge marks are flushed at once in the caller's thread, so a test reads its own
# award straight away; the batching thread is tested on purpose (tests/core/test_batching.py,
# tests/gamification/test_award_paths.py).
AFTER_COMMIT_BATCH_SECONDS = 0
# A test database is thrown away after the run: commits need not wait for the disk (the
# concurrency and transactional tests commit thousands of times). Durability is the server's
# business in production, not a test's.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The live server's threads share the in-memory test database's one connection:
    # tests/sqlite_serialised says why each call into it takes a lock.
    DATABASES["default"]["ENGINE"] = "tests.sqlite_serialised"
    # In memory, said outright: pytest-django recognises an in-memory database by Django's
    # engine name alone, and would otherwise give each xdist worker a file name.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
    # The suite's own threads (the concurrency tests, live servers) would queue for a small
    # pool: it runs without one unless DB_POOL is set (tests/cms/test_db_pool.py starts a
    # server with one; tests/dbtemplate.py closes the pool before it copies a database).
    if "DB_POOL" not in os.environ:
        _options.pop("pool", None)
        DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", 60))

# Signed conversions (docs/outcomes.md): a secret, so the endpoint answers 401 to unsigned calls
# instead of 503 "not configured" (tests of the unset case clear it).
CONVERSIONS_SECRET = "test-conversions-secret"  # noqa: S105 (a test value, not a credential)
