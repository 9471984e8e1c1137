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
