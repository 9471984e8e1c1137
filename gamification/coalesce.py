"""Work that many awards ask for and one task run can do for all of them: evaluate these
members' badges, broadcast these boards.

Processes add names to a Redis set; the first one in each interval (``memo.first_in``,
across processes) schedules one task for the end of the interval, which takes everything
from the set. So a thousand awards a second cost one Redis round trip per after-commit batch
and one task message per second, whatever the number of members or boards they moved. A name
taken by a run that then dies is lost to that run only: the badge sweep evaluates everyone
periodically, and a board missing one broadcast is sent whole with the next (listeners also
get the full state when they reconnect)."""

import functools
from collections.abc import Callable, Iterable

from django.conf import settings

from core.memo import first_in


@functools.cache
def redis_client(url: str):
    import redis

    return redis.Redis.from_url(url, socket_timeout=2)


class CoalescedSet:
    def __init__(self, key: str, every: float, schedule: Callable[[float], None]):
        self.key = key
        self.every = every
        self.schedule = schedule  # called with the countdown: queue the task that takes the set

    @property
    def client(self):
        return redis_client(settings.REDIS_URL)

    def add(self, names: Iterable) -> None:
        names = sorted(set(names))
        if not names:
            return
        self.client.sadd(self.key, *names)
        if first_in(self.key, self.every):
            self.schedule(self.every)

    def take(self, limit: int) -> list[str]:
        return [value.decode() for value in self.client.spop(self.key, limit) or []]

    def waiting(self) -> int:
        return self.client.scard(self.key)


class LeadingThenCoalesced:
    """At once when quiet, then at most once per ``every`` seconds: the first name in its
    window goes out at once (``send_now``), names that follow within the window join a Redis
    set that one run at the end of the earliest open window takes (``schedule`` with that
    window's remaining time). A taken name opens a new window (``reopen``), so a busy name
    goes out once per interval and a name that was quiet never waits.

    Two Redis round trips per batch of names: a pipeline of ``SET NX PX`` (one per name) and,
    for those within their window, ``SADD`` plus the remaining times and the run marker."""

    def __init__(
        self,
        key: str,
        every: float,
        send_now: Callable[[list[str]], None],
        schedule: Callable[[float], None],
    ):
        self.key = key
        self.every = every
        self.send_now = send_now
        self.schedule = schedule

    @property
    def client(self):
        return redis_client(settings.REDIS_URL)

    def _window(self, name: str) -> str:
        return f"{self.key}:window:{name}"

    def add(self, names: Iterable) -> None:
        names = sorted(set(names))
        if not names:
            return
        window_ms = int(self.every * 1000)
        pipe = self.client.pipeline(transaction=False)
        for name in names:
            pipe.set(self._window(name), 1, nx=True, px=window_ms)
        opened = pipe.execute()
        quiet = [name for name, first in zip(names, opened, strict=True) if first]
        busy = [name for name, first in zip(names, opened, strict=True) if not first]
        if busy:
            pipe = self.client.pipeline(transaction=False)
            pipe.sadd(self.key, *busy)
            for name in busy:
                pipe.pttl(self._window(name))
            remaining = [ms for ms in pipe.execute()[1:] if ms and ms > 0]
            wait_ms = max(1, min(remaining, default=window_ms))
            if self.client.set(f"{self.key}:run", 1, nx=True, px=wait_ms):
                self.schedule(wait_ms / 1000)
        if quiet:
            self.send_now(quiet)

    def take(self, limit: int) -> list[str]:
        """Up to ``limit`` waiting names; clears the run marker first, so a name added from
        now on schedules a run of its own (a run that came early, or again at once, leaves
        nothing waiting for a marker that no run will follow)."""
        self.client.delete(f"{self.key}:run")
        return [value.decode() for value in self.client.spop(self.key, limit) or []]

    def reopen(self, names: Iterable[str]) -> None:
        """Start a new window for names just sent: what follows within it is coalesced."""
        names = list(names)
        if not names:
            return
        pipe = self.client.pipeline(transaction=False)
        for name in names:
            pipe.set(self._window(name), 1, px=int(self.every * 1000))
        pipe.execute()

    def waiting(self) -> int:
        return self.client.scard(self.key)

    def forget(self, names: Iterable[str] = ()) -> None:
        """Drop the set, the run marker and these names' windows (tests start quiet)."""
        self.client.delete(self.key, f"{self.key}:run", *(self._window(name) for name in names))
