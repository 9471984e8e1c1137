from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL, REST_FRAMEWORK

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
    "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute", "login": "10000/minute"},
}
if REDIS_URL:
    # Keep the test run's keys apart from a developer's data on the same server.
    CACHES["default"]["KEY_PREFIX"] = "test"
# Live board broadcasts are tested on purpose (tests/gamification); elsewhere they would
# only start timer threads that outlive the test's database.
LEADERBOARD_BROADCASTS = False
# Index and badge marks are flushed at once in the caller's thread, so a test reads its own
# award straight away; the batching thread is tested on purpose (tests/core/test_batching.py,
# tests/gamification/test_award_paths.py).
AFTER_COMMIT_BATCH_SECONDS = 0
