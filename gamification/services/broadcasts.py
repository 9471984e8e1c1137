"""Live board updates: everyone watching a board (``consumers.LeaderboardConsumer``) gets its
new public top N soon after an award moved it, at most once per board per second however
many awards there were."""

import logging
import threading
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection

from core.memo import first_in
from core.queue import enqueue
from gamification.coalesce import CoalescedSet
from gamification.leaderboards.boards import group_name
from gamification.selectors.boards import public_top

logger = logging.getLogger(__name__)

BROADCAST_EVERY = 1  # second; at most one broadcast per board per interval (coalescing)


def _schedule_dirty_run(countdown: float) -> None:
    enqueue("gamification.tasks.broadcast_dirty_boards", countdown=countdown)


dirty_boards = CoalescedSet("gamification:boards:dirty", BROADCAST_EVERY, _schedule_dirty_run)


def schedule_broadcasts(*, boards: Iterable[str]) -> None:
    """Ask for broadcasts of these boards soon; many awards within a second make one broadcast
    per board. With a worker, the boards join the dirty set that one task per second
    broadcasts (a message per board or per award cost more than the award). Without one
    (eager Celery), each board waits out its second in a timer thread. Locks nothing,
    returns nothing and never raises: a missed broadcast is sent whole with the next one."""
    if not getattr(settings, "LEADERBOARD_BROADCASTS", True):
        return
    try:
        if settings.REDIS_URL and not settings.CELERY_TASK_ALWAYS_EAGER:
            dirty_boards.add(boards)
            return
        due = [board for board in sorted(set(boards)) if first_in(f"leaderboard:broadcast:{board}", BROADCAST_EVERY)]
        if due:
            timer = threading.Timer(BROADCAST_EVERY, _broadcast_in_thread, args=[due])
            timer.daemon = True
            timer.start()
    except Exception:
        logger.warning("Could not schedule broadcasts", exc_info=True)


def _broadcast_in_thread(boards: list[str]) -> None:
    try:
        broadcast_boards(boards=boards)
    finally:
        connection.close()


def broadcast_board(*, board: str) -> None:
    """Send ``board``'s public top N to everyone watching it. Locks nothing; raises what the
    channel layer raises."""
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group_name(board), public_top(board))


def broadcast_boards(*, boards: Iterable[str]) -> None:
    """``broadcast_board`` for each board; one board's failure is logged and keeps none of
    the others quiet."""
    for board in boards:
        try:
            broadcast_board(board=board)
        except Exception:
            logger.warning("Broadcast of board %s failed", board, exc_info=True)


def broadcast_dirty_boards(*, limit: int = 500) -> tuple[int, bool]:
    """Broadcast (at most ``limit`` of) the boards that awards moved since the last run;
    returns how many, and whether boards are left waiting. A board taken by a run that then
    dies misses one broadcast only (listeners get the full state when they reconnect)."""
    boards = sorted(dirty_boards.take(limit))
    broadcast_boards(boards=boards)
    return len(boards), bool(dirty_boards.waiting())
