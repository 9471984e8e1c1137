"""Small, hot configuration (point rules, levels, open prize periods) read on every award.

Each value lives in the shared cache (cleared when a Master saves a change) and is also kept
in the process for a few seconds, so an award usually costs no cache round trip at all.
Another process sees a change within ``LOCAL_SECONDS``; the process that saved it at once."""

import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

LOCAL_SECONDS = 5.0

_registry: list["SharedMemo"] = []


class SharedMemo:
    def __init__(self, key: str, load: Callable[[], Any], *, timeout: int = 300):
        self.key = key
        self.load = load
        self.timeout = timeout
        self._value: Any = None
        self._until = 0.0
        self._lock = threading.Lock()
        _registry.append(self)

    def get(self) -> Any:
        now = time.monotonic()
        if now < self._until:
            return self._value
        value = cache.get(self.key)
        if value is None:
            value = self.load()
            cache.set(self.key, value, self.timeout)
        with self._lock:
            self._value, self._until = value, now + LOCAL_SECONDS
        return value

    def forget(self, **kwargs) -> None:
        """Signal receiver too (``post_save``/``post_delete``), hence ``**kwargs``."""
        with self._lock:
            self._value, self._until = None, 0.0
        cache.delete(self.key)


_first_until: dict[str, float] = {}


def first_in(name: str, seconds: float) -> bool:
    """True for the first caller in each ``seconds`` window for ``name``, across processes
    (``cache.add`` is an atomic SET NX on Redis). Once this process got yes, it answers no
    for most of the window without asking the cache: what the first caller scheduled runs at
    the end of the window, after this caller's change, so it covers that change too."""
    now = time.monotonic()
    if _first_until.get(name, 0.0) > now:
        return False
    if not cache.add(name, 1, timeout=seconds):
        return False  # another process's window: its end is unknown here, so remember nothing
    _first_until[name] = now + seconds * 0.9
    return True


def forget_all() -> None:
    """Drop every process-local copy (tests do this when they clear the cache)."""
    for memo in _registry:
        with memo._lock:
            memo._value, memo._until = None, 0.0
    _first_until.clear()
