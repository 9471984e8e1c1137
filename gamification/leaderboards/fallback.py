"""``FallbackBackend``: the Redis index when it can answer, SQL when it cannot. Caches,
throttles and the board index are accelerators: when Redis is away the request still
succeeds from the database, and what was missed is indexed once Redis is back."""

import datetime
import logging
import threading
import time
from collections import deque

import redis

from core.queue import enqueue

from .boards import NEIGHBOURS, BoardKey, EntryFacts, Row
from .redis_index import RedisBackend
from .redis_keys import client_from_settings
from .sql import sql_backend

logger = logging.getLogger(__name__)


class FallbackBackend:
    """What ``backend.get_backend()`` returns when ``REDIS_URL`` is set.

    Reads go to Redis once a full rebuild has marked the index ready, and to SQL while it is
    not ready or Redis fails (a warning is logged and Redis is left alone for ``backoff``
    seconds). Writes never raise for Redis errors: the entries this process could not index
    are remembered and indexed again (idempotently) once Redis answers; if too many were
    missed, the index is marked not ready and a repair is queued, so boards come from SQL
    until it is whole again. If Redis came back without the index (restarted empty), or the
    index was rebuilt from the ledger after an entry was missed, the rebuild counts that entry
    (it was committed before it was missed), so it is not indexed again: its marker went
    with the index, and a second count would go unnoticed until the drift repair. An index
    that is gone is rebuilt by ``ensure_leaderboards`` (every minute, and queued from here)."""

    _instance = None
    _instance_lock = threading.Lock()
    name = "redis"
    READY_CHECK_EVERY = 5.0
    PENDING_LIMIT = 10_000

    def __init__(self, redis_backend: RedisBackend, sql, *, backoff: float = 5.0):
        self.redis = redis_backend
        self.sql = sql
        self.backoff = backoff
        self._down_until = 0.0
        self._ready_until = 0.0  # the index was ready when last checked, until then
        self._lock = threading.Lock()
        self._pending_entries: deque[tuple[int, float]] = deque()  # (entry id, missed at, Unix time)
        self._pending_members: set[int] = set()
        self._overflowed = False

    @classmethod
    def instance(cls) -> "FallbackBackend":
        if cls._instance is None:
            with cls._instance_lock:
                if cls._instance is None:
                    cls._instance = cls(RedisBackend(client_from_settings()), sql_backend())
        return cls._instance

    @classmethod
    def reset(cls) -> None:
        cls._instance = None

    # --- health --------------------------------------------------------------------------

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, what: str, exc: Exception) -> None:
        self._down_until = time.monotonic() + self.backoff
        self._ready_until = 0.0
        logger.warning("Redis leaderboards unavailable (%s): %s; using SQL for %ss", what, exc, self.backoff)

    def _ready(self) -> bool:
        now = time.monotonic()
        if now < self._ready_until:
            return True
        if self.redis.is_ready():
            self._ready_until = now + self.READY_CHECK_EVERY
            return True
        return False

    def _catch_up(self) -> None:
        """Index what this process missed while Redis was away (safe to repeat)."""
        if not (self._pending_entries or self._pending_members or self._overflowed):
            return
        with self._lock:
            if self._pending_entries:
                self._drop_entries_the_ledger_rebuild_counts()
            while self._pending_entries:
                entry_id, _missed_at = self._pending_entries[0]
                self.redis.index_entry(entry_id)
                self._pending_entries.popleft()
            while self._pending_members:
                member_id = next(iter(self._pending_members))
                self.redis.set_visibility(member_id)
                self._pending_members.discard(member_id)
            if self._overflowed:
                self.redis.client.delete(self.redis.ready_key)
                self._overflowed = False
                self._ready_until = 0.0
                enqueue("gamification.tasks.repair_leaderboards", robust=True)

    def _drop_entries_the_ledger_rebuild_counts(self) -> None:
        """Forget the missed entries that a rebuild from the ledger counts: all of them while
        the index is gone (and have it rebuilt), those missed before the last rebuild began
        otherwise."""
        built = self.redis.client.get(self.redis.ready_key)
        if built is None:
            logger.warning("Redis came back without the leaderboard index: it is rebuilt from the ledger")
            self._pending_entries.clear()
            enqueue("gamification.tasks.ensure_leaderboards", robust=True)
            return
        try:
            built_at = datetime.datetime.fromisoformat(built.decode()).timestamp()
        except ValueError:  # a marker without a time (set by hand): the index kept its markers
            return
        while self._pending_entries and self._pending_entries[0][1] < built_at:
            self._pending_entries.popleft()

    def _remember(self, entry_id: int | None = None, member_id: int | None = None) -> None:
        with self._lock:
            if entry_id is not None:
                if len(self._pending_entries) >= self.PENDING_LIMIT:
                    self._overflowed = True
                else:
                    self._pending_entries.append((entry_id, time.time()))
            if member_id is not None:
                if len(self._pending_members) >= self.PENDING_LIMIT:
                    self._overflowed = True
                else:
                    self._pending_members.add(member_id)

    # --- the interface ---------------------------------------------------------------------

    def _read(self, method: str, *args, **kwargs):
        if self._available():
            try:
                self._catch_up()
                if self._ready():
                    return getattr(self.redis, method)(*args, **kwargs)
            except redis.RedisError as exc:
                self._failed(method, exc)
        return getattr(self.sql, method)(*args, **kwargs)

    def top(self, board: BoardKey, period: str, n: int, *, include_hidden: bool = False) -> list[Row]:
        return self._read("top", board, period, n, include_hidden=include_hidden)

    def around(
        self, board: BoardKey, period: str, member_id: int, *, include_hidden: bool = False, distance: int = NEIGHBOURS
    ) -> tuple[Row | None, list[Row]]:
        return self._read("around", board, period, member_id, include_hidden=include_hidden, distance=distance)

    def index_entry(self, entry_id: int, facts: EntryFacts | None = None) -> None:
        if not self._available():
            self._remember(entry_id=entry_id)
            return
        try:
            self._catch_up()
            self.redis.index_entry(entry_id, facts=facts)
        except redis.RedisError as exc:
            self._remember(entry_id=entry_id)
            self._failed("index_entry", exc)

    def index_entries(self, items: list[tuple[int, EntryFacts]]) -> None:
        if not self._available():
            for entry_id, _facts in items:
                self._remember(entry_id=entry_id)
            return
        try:
            self._catch_up()
            self.redis.index_entries(items)
        except redis.RedisError as exc:
            for entry_id, _facts in items:
                self._remember(entry_id=entry_id)
            self._failed("index_entries", exc)

    def set_visibility(self, member_id: int) -> None:
        if not self._available():
            self._remember(member_id=member_id)
            return
        try:
            self._catch_up()
            self.redis.set_visibility(member_id)
        except redis.RedisError as exc:
            self._remember(member_id=member_id)
            self._failed("set_visibility", exc)
