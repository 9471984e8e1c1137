"""Live board updates: everyone watching a board (``consumers.LeaderboardConsumer``) gets its
new public top N within a second of the award that moved it: at once when the board has been
quiet, and what follows within the next half second together at its end, so a busy board goes
out at most twice a second however many awards move it (coalescing).

Why half a second: the coalesced send waits for the end of the window and then takes the
fan-out to every socket (0.2–0.5 s at 2,000 on one worker); with a one-second window the
second award of a burst reached clients 1.0–1.4 s after its commit, with half a second the
p99 is 0.5 s (docs/benchmarks.md, "Live boards").

The message carries the board already rendered as JSON text (``board.update`` with
``text``): each of thousands of listeners sends it as it is, nobody queries or encodes it
again (docs/benchmarks.md, "Live boards")."""

import json
import logging
import threading
import time
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection

from core.queue import enqueue
from gamification.coalesce import LeadingThenCoalesced
from gamification.leaderboards.boards import group_name
from gamification.selectors.boards import public_top

logger = logging.getLogger(__name__)

BROADCAST_EVERY = 0.5  # seconds; a board goes out at once, then at most once per interval


def _send_now(boards: list[str]) -> None:
    enqueue("gamification.tasks.broadcast_boards_now", boards=boards)


def _schedule_dirty_run(countdown: float) -> None:
    enqueue("gamification.tasks.broadcast_dirty_boards", countdown=countdown)


dirty_boards = LeadingThenCoalesced("gamification:boards:dirty", BROADCAST_EVERY, _send_now, _schedule_dirty_run)


class _InProcess:
    """The same rule without Redis or a worker (eager Celery, the embedded default): quiet
    boards are sent at once in the caller's thread, the rest by one timer thread at the end
    of the earliest open window."""

    def __init__(self, every: float):
        self.every = every
        self._lock = threading.Lock()
        self._windows: dict[str, float] = {}  # board -> end of its window (monotonic)
        self._waiting: set[str] = set()
        self._timer: threading.Timer | None = None

    def add(self, boards: Iterable[str]) -> list[str]:
        """Returns the quiet boards, for the caller to send now."""
        now = time.monotonic()
        quiet = []
        with self._lock:
            for board in sorted(set(boards)):
                if self._windows.get(board, 0.0) <= now:
                    self._windows[board] = now + self.every
                    quiet.append(board)
                else:
                    self._waiting.add(board)
            if self._waiting and self._timer is None:
                wait = max(0.001, min(self._windows[board] for board in self._waiting) - now)
                self._timer = threading.Timer(wait, self._run)
                self._timer.daemon = True
                self._timer.start()
        return quiet

    def _run(self) -> None:
        with self._lock:
            boards, self._waiting, self._timer = sorted(self._waiting), set(), None
            end = time.monotonic() + self.every
            for board in boards:
                self._windows[board] = end
        try:
            broadcast_boards(boards=boards)
        finally:
            connection.close()

    def forget(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._windows, self._waiting, self._timer = {}, set(), None


in_process = _InProcess(BROADCAST_EVERY)


def schedule_broadcasts(*, boards: Iterable[str]) -> None:
    """Have these boards broadcast: at once those that were quiet for ``BROADCAST_EVERY``, the
    others together at the end of their window (``LeadingThenCoalesced``). With a worker the sends
    are tasks; without one (eager Celery) quiet boards go out in this thread and the rest in
    a timer thread. Locks nothing, returns nothing and never raises: a missed broadcast is
    sent whole with the next one, and a client that reconnects gets the board at once."""
    if not getattr(settings, "LEADERBOARD_BROADCASTS", True):
        return
    try:
        if settings.REDIS_URL and not settings.CELERY_TASK_ALWAYS_EAGER:
            dirty_boards.add(boards)
            return
        quiet = in_process.add(boards)
        if quiet:
            broadcast_boards(boards=quiet)
    except Exception:
        logger.warning("Could not schedule broadcasts", exc_info=True)


def board_message(board: str) -> dict:
    """The channel-layer message of ``board``'s public top N, rendered once for everyone."""
    return {"type": "board.update", "text": json.dumps(public_top(board), separators=(",", ":"))}


def broadcast_board(*, board: str) -> None:
    """Send ``board``'s public top N to everyone watching it. Locks nothing; raises what the
    channel layer raises."""
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group_name(board), board_message(board))


def broadcast_boards(*, boards: Iterable[str]) -> None:
    """``broadcast_board`` for each board; one board's failure is logged and keeps none of
    the others quiet."""
    for board in boards:
        try:
            broadcast_board(board=board)
        except Exception:
            logger.warning("Broadcast of board %s failed", board, exc_info=True)


def broadcast_dirty_boards(*, limit: int = 500) -> tuple[int, bool]:
    """Broadcast (at most ``limit`` of) the boards that awards moved within their window since
    the last run, and start a new window for each; returns how many, and whether boards are
    left waiting. A board taken by a run that then dies misses one broadcast only (listeners
    get the full state when they reconnect)."""
    boards = sorted(dirty_boards.take(limit))
    dirty_boards.reopen(boards)
    broadcast_boards(boards=boards)
    return len(boards), bool(dirty_boards.waiting())
