"""Work after an award that may wait a few milliseconds: indexing the entry in the Redis
boards and marking the member for badge evaluation.

At a thousand awards a second, one Redis round trip per award costs more than the award's
database statement. A ``Batcher`` collects items in the process and a daemon thread hands
them over in one pipeline at most ``GAMIFICATION_BATCH_SECONDS`` after the first one (or at
once when ``size`` wait). Items still waiting when the process exits are flushed by an
``atexit`` hook; a process killed outright loses at most that window, which the periodic
drift repair and badge sweep put right (the ledger is the truth). With
``GAMIFICATION_BATCH_SECONDS = 0`` every item is flushed at once, in the caller's thread."""

import atexit
import logging
import os
import queue
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

_batchers: list["Batcher"] = []


def batch_seconds() -> float:
    return float(getattr(settings, "GAMIFICATION_BATCH_SECONDS", 0.05))


class Batcher:
    def __init__(self, name: str, flush: Callable[[list], None], *, size: int = 500):
        self.name = name
        self.flush = flush
        self.size = size
        self._pid: int | None = None
        self._queue: queue.SimpleQueue | None = None
        self._pending: list = []  # taken from the queue, not yet flushed
        self._lock = threading.Lock()
        _batchers.append(self)

    def add(self, item) -> None:
        if batch_seconds() <= 0:
            self._flush([item])
            return
        self._ensure_thread().put(item)

    def _ensure_thread(self) -> queue.SimpleQueue:
        pid = os.getpid()
        if self._pid != pid:  # first use, or a forked child (Celery prefork) that has no thread
            with self._lock:
                if self._pid != pid:
                    self._queue, self._pending = queue.SimpleQueue(), []
                    thread = threading.Thread(
                        target=self._run, args=(self._queue,), name=f"batcher-{self.name}", daemon=True
                    )
                    thread.start()
                    self._pid = pid
        return self._queue

    def _run(self, items: queue.SimpleQueue) -> None:
        while True:
            item = items.get()
            with self._lock:
                self._pending.append(item)
            deadline = time.monotonic() + batch_seconds()
            while len(self._pending) < self.size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    item = items.get(timeout=remaining)
                except queue.Empty:
                    break
                with self._lock:
                    self._pending.append(item)
            self._flush_pending()
            connections.close_all()  # this thread's own connections, if a flush opened one

    def _flush_pending(self) -> int:
        with self._lock:
            batch, self._pending = self._pending, []
        if batch:
            self._flush(batch)
        return len(batch)

    def _flush(self, batch: list) -> None:
        try:
            self.flush(batch)
        except Exception:
            logger.warning("Could not flush %s items of %s", len(batch), self.name, exc_info=True)

    def drain(self) -> int:
        """Flush what is waiting now, in the calling thread, including the batch the thread
        is still collecting; returns how many items."""
        if self._queue is None or self._pid != os.getpid():
            return 0
        with self._lock:
            while True:
                try:
                    self._pending.append(self._queue.get_nowait())
                except queue.Empty:
                    break
        return self._flush_pending()


@atexit.register
def drain_all() -> None:
    for batcher in _batchers:
        batcher.drain()
