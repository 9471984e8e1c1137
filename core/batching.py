"""Work after a commit that may wait a few milliseconds: indexing an award on the Redis boards,
marking a member for badge evaluation, scheduling board broadcasts, pushing a notification.

At a thousand awards a second, one Redis or channel-layer round trip per award costs more
than the award's own database statement. A ``Batcher`` keeps items in the process; one
daemon thread for all batchers wakes at most once per ``AFTER_COMMIT_BATCH_SECONDS`` and hands
each batcher everything that gathered, in chunks of ``size``. The thread sleeps through the
window instead of taking items one by one: a thread woken per item would take the GIL from
the request that is recording awards once per item.

Items still waiting when the process exits are flushed by an ``atexit`` hook; a process
killed outright loses at most one window, which the periodic drift repair and badge sweep
put right (the ledger is the truth). With ``AFTER_COMMIT_BATCH_SECONDS = 0`` every item is
flushed at once, in the caller's thread (the tests' setting)."""

import atexit
import collections
import logging
import os
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

_batchers: list["Batcher"] = []
_wake = threading.Event()
_thread_pid: int | None = None
_start_lock = threading.Lock()


def batch_seconds() -> float:
    return float(getattr(settings, "AFTER_COMMIT_BATCH_SECONDS", 0.05))


class Batcher:
    def __init__(self, name: str, flush: Callable[[list], None], *, size: int = 500):
        self.name = name
        self.flush = flush
        self.size = size
        self._items: collections.deque = collections.deque()
        self._flushing = threading.Lock()  # the thread and a drain() never flush at once
        _batchers.append(self)

    def add(self, item) -> None:
        if batch_seconds() <= 0:
            self._flush([item])
            return
        _ensure_thread()
        self._items.append(item)
        if not _wake.is_set():  # appended first: a pass that clears the flag still sees the item
            _wake.set()

    def add_many(self, items: list) -> None:
        """``add`` for a list at once (a sweep's notifications): without a window they are
        flushed in chunks of ``size``, not one flush per item."""
        if not items:
            return
        if batch_seconds() <= 0:
            for start in range(0, len(items), self.size):
                self._flush(list(items[start : start + self.size]))
            return
        _ensure_thread()
        self._items.extend(items)
        if not _wake.is_set():
            _wake.set()

    def pending(self) -> int:
        return len(self._items)

    def drain(self) -> int:
        """Flush what is waiting now, in the calling thread; returns how many items. Only what
        is there when it starts: items added meanwhile wait for the next window, or a busy
        caller would keep the thread flushing them one by one."""
        with self._flushing:
            count = waiting = len(self._items)
            while waiting:
                batch = [self._items.popleft() for _ in range(min(waiting, self.size))]
                waiting -= len(batch)
                self._flush(batch)
        return count

    def _flush(self, batch: list) -> None:
        try:
            self.flush(batch)
        except Exception:
            logger.warning("Could not flush %s items of %s", len(batch), self.name, exc_info=True)


def _ensure_thread() -> None:
    global _thread_pid
    pid = os.getpid()
    if _thread_pid == pid:
        return
    with _start_lock:
        if _thread_pid != pid:  # first use, or a forked child (Celery prefork) that has no thread
            threading.Thread(target=_run, name="after-commit-batches", daemon=True).start()
            _thread_pid = pid


def _run() -> None:
    while True:
        _wake.wait()
        time.sleep(batch_seconds())  # let the window's items gather
        _wake.clear()
        drain_all()
        connections.close_all()  # this thread's own connections, if a flush opened one


@atexit.register
def drain_all() -> int:
    return sum(batcher.drain() for batcher in list(_batchers))


def _forget_in_child() -> None:
    # A forked child starts with copies of the parent's waiting items: they are the parent's
    # to flush, and the child has no thread yet.
    for batcher in _batchers:
        batcher._items.clear()
    _wake.clear()


os.register_at_fork(after_in_child=_forget_in_child)
