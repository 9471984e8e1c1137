"""``/health/`` for load balancers and monitoring: 200 when the site can serve, 503 with the
name of what failed otherwise, always as JSON.

Built on django-health-check (its view runs the checks side by side, each with a time limit,
and turns any exception into a failed check without leaking it). This module adds what the
library leaves to the project: which checks apply to this deployment (Redis and the broker
only when configured), the worker heartbeat, JSON whatever the ``Accept`` header says,
503 instead of 500, and short fixed messages that name no host, port or password. The
database is asked on Django's own thread (``sync_to_async``), so a request's checks use the
connection the rest of the request would use, and cost two queries.

Not a DRF view, so no API throttle applies to it: a load balancer polling every few seconds
from one address must never get 429. It reads no session and no member.
"""

import asyncio
import dataclasses
import datetime
import os
import shutil
from pathlib import Path

import kombu
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.contrib.redis import Redis as RedisPing
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient

from cms import selectors

# Short time limits: a load balancer gives up after a few seconds, and a check that hangs
# is as bad as one that fails.
CHECK_TIMEOUT = datetime.timedelta(seconds=3)


class NamedCheck(HealthCheck):
    """A check that shows under a fixed name: the library's ``repr`` may carry a host."""

    name = "check"
    timeout = CHECK_TIMEOUT

    def __repr__(self):
        return self.name


@dataclasses.dataclass(repr=False)
class Database(NamedCheck):
    name = "database"

    async def run(self):
        await sync_to_async(self._select_one)()

    @staticmethod
    def _select_one():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception as exc:
            # The driver's message names the host and port: only the class goes out.
            raise ServiceUnavailable(f"cannot query the database ({type(exc).__name__})") from None


@dataclasses.dataclass(repr=False)
class Redis(NamedCheck, RedisPing):
    name = "redis"
    client_factory: object = dataclasses.field(default=None, repr=False)

    def __post_init__(self):
        seconds = CHECK_TIMEOUT.total_seconds()
        self.client_factory = lambda: RedisClient.from_url(
            settings.REDIS_URL, socket_connect_timeout=seconds, socket_timeout=seconds
        )


@dataclasses.dataclass(repr=False)
class Broker(NamedCheck):
    """Celery's broker takes connections: Redis or AMQP through kombu, or the embedded
    default's folders (kombu's filesystem transport) exist and can be written."""

    name = "broker"

    def run(self):
        url = settings.CELERY_BROKER_URL
        if url.startswith("filesystem://"):
            options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
            for key in ("data_folder_in", "data_folder_out", "control_folder"):
                folder = options.get(key)
                if folder and not os.access(folder, os.W_OK):
                    raise ServiceUnavailable(f"the broker's {key} is missing or not writable")
            return
        seconds = CHECK_TIMEOUT.total_seconds()
        try:
            with kombu.Connection(url, connect_timeout=seconds) as broker:
                broker.ensure_connection(max_retries=1, timeout=seconds)
        except Exception as exc:
            raise ServiceUnavailable(f"cannot connect to the broker ({type(exc).__name__})") from None


@dataclasses.dataclass(repr=False)
class WorkerHeartbeat(NamedCheck):
    """Beat schedules ``cms.tasks.record_worker_heartbeat`` every minute and a worker runs
    it: an old (or no) heartbeat means the worker or beat is down."""

    name = "worker"

    async def run(self):
        beat_at = await sync_to_async(selectors.worker_heartbeat_at)()
        stale_after = datetime.timedelta(minutes=settings.HEALTH_WORKER_STALE_MINUTES)
        if beat_at is None:
            raise ServiceUnavailable("no worker heartbeat yet")
        age = timezone.now() - beat_at
        if age > stale_after:
            raise ServiceUnavailable(f"last worker heartbeat {int(age.total_seconds() // 60)} minutes ago")


@dataclasses.dataclass(repr=False)
class MediaDisk(NamedCheck):
    """Room left for uploads where MEDIA_ROOT lives. A MEDIA_ROOT that does not exist yet is
    fine (a new installation: the first upload makes it) while the folder it would be made in
    can be written."""

    name = "media_disk"

    def run(self):
        folder = Path(settings.MEDIA_ROOT)
        existing = next(path for path in (folder, *folder.parents) if path.exists())
        if not existing.is_dir() or not os.access(existing, os.W_OK):
            raise ServiceUnavailable("MEDIA_ROOT is not a folder that can be written")
        free_mb = shutil.disk_usage(existing).free // (1024 * 1024)
        if free_mb < settings.HEALTH_MEDIA_MIN_FREE_MB:
            raise ServiceUnavailable(f"{free_mb} MB free for media, below {settings.HEALTH_MEDIA_MIN_FREE_MB} MB")


def configured_checks() -> list[type[HealthCheck]]:
    """The checks that apply to this deployment's settings."""
    checks: list[type[HealthCheck]] = [Database]
    if settings.REDIS_URL:
        checks.append(Redis)
    if settings.CELERY_BROKER_URL:
        checks.append(Broker)
    if settings.HEALTH_CHECK_WORKER:
        checks.append(WorkerHeartbeat)
    checks.append(MediaDisk)
    return checks


class HealthView(HealthCheckView):
    @property
    def checks(self):
        return configured_checks()

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            self.results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        failed = {repr(result.check): str(result.error) for result in self.results if result.error}
        return JsonResponse(
            {
                "status": "unavailable" if failed else "ok",
                "checks": {repr(result.check): str(result.error or "ok") for result in self.results},
                "failed": sorted(failed),
            },
            status=503 if failed else 200,
        )
