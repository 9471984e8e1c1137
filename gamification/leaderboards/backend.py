"""Which backend answers: the Redis index behind its SQL fallback when ``REDIS_URL`` is set
(and ``LEADERBOARD_BACKEND`` is not ``sql``), else SQL."""

from django.conf import settings

from .fallback import FallbackBackend
from .sql import SqlBackend, sql_backend


def get_backend() -> FallbackBackend | SqlBackend:
    if settings.REDIS_URL and getattr(settings, "LEADERBOARD_BACKEND", "redis") == "redis":
        return FallbackBackend.instance()
    return sql_backend()
