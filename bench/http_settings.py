"""Settings for ``bench/http_bench.py``: the settings the other benchmarks use
(``cms.settings.dev`` with ``DEBUG`` off, PostgreSQL and Redis from ``DATABASE_URL`` and
``REDIS_URL``, the bounded pool on) with a urlconf of the bench's own, so that its two trivial
views never reach the production URLs."""

from cms.settings.dev import *  # noqa: F403

DEBUG = False
# Production does not look for new static files on every request.
WHITENOISE_AUTOREFRESH = False
ROOT_URLCONF = "bench.http_urls"
