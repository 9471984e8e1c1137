"""The worker's heartbeat, which ``/health/`` reads (``cms.selectors.worker_heartbeat_at``)."""

import datetime

from django.utils import timezone

from cms.models import WorkerHeartbeat


def record_worker_heartbeat(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """Store that a worker is alive at ``now`` (default: the current time) and return it.

    One upsert of one row, no lock: concurrent workers each write their own moment and the
    latest wins, which is all the health check asks (is any worker alive?)."""
    moment = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(name=WorkerHeartbeat.WORKER, defaults={"beat_at": moment})
    return moment
