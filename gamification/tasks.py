"""Celery tasks: thin, safe to run twice (late acknowledgement is on for all tasks)."""

import logging

from asgiref.sync import async_to_sync
from celery import shared_task
from channels.layers import get_channel_layer

from people.models import Member

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def evaluate_badges(member_id: int) -> int:
    """Award every badge whose criteria the member now meets; returns how many were new."""
    from . import badges

    member = Member.objects.filter(pk=member_id).first()
    return 0 if member is None else len(badges.evaluate_for(member))


@shared_task(acks_late=True)
def evaluate_due_badges() -> int:
    """Evaluate the members who earned points since the last run (see
    ``badges.evaluate_soon``); runs again at once while members are waiting."""
    from . import badges

    awarded, more = badges.evaluate_due()
    if more:
        evaluate_due_badges.apply_async()
    return awarded


@shared_task(acks_late=True)
def sweep_badges() -> int:
    """Periodic safety net: evaluate badges for everyone with points (criteria with a
    period, or badges a Master created later)."""
    from . import badges

    return badges.sweep()


@shared_task(acks_late=True)
def broadcast_board(board: str) -> None:
    """Send a board's new top N to everyone watching it (coalesced by the caller)."""
    from . import leaderboards

    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(leaderboards.group_name(board), leaderboards.public_top(board))


@shared_task(acks_late=True)
def broadcast_boards(boards: list[str]) -> None:
    """``broadcast_board`` for each board an award batch moved (one message for all)."""
    for board in boards:
        try:
            broadcast_board(board)
        except Exception:  # one board's failure must not keep the others quiet
            logger.warning("Broadcast of board %s failed", board, exc_info=True)


@shared_task(acks_late=True)
def broadcast_dirty_boards(limit: int = 500) -> int:
    """Broadcast the boards that awards moved since the last run (see
    ``leaderboards.schedule_broadcasts``); returns how many."""
    from . import leaderboards

    boards = sorted(leaderboards.dirty_boards.take(limit))
    broadcast_boards(boards)
    if leaderboards.dirty_boards.waiting():
        broadcast_dirty_boards.apply_async()
    return len(boards)


@shared_task(acks_late=True)
def close_due_prizes() -> int:
    """Close the prize periods whose end date has passed; returns how many were closed."""
    from . import prizes

    return prizes.close_due_periods()


@shared_task(acks_late=True)
def repair_leaderboards() -> dict:
    """Compare the Redis leaderboards with the ledger and rebuild the boards that drifted
    (everything, if the index was never built or was lost). Nothing to do without Redis."""
    from django.conf import settings

    if not settings.REDIS_URL or getattr(settings, "LEADERBOARD_BACKEND", "redis") != "redis":
        return {}
    from .leaderboards_redis import RedisBackend

    return RedisBackend.from_settings(socket_timeout=60).compare_and_repair()
