"""The shared cache on Redis, failing open: ``ResilientRedisCache``.

Everything this project keeps in the cache is an accelerator or a limit, never the only
copy of anything: DRF's throttle counts, allauth's failed-login counts, the password-reset
limiter, hot configuration (``core.memo``), badge images. Django's ``RedisCache`` raises
when Redis is away, and DRF reads its throttle counts before any view runs, so a Redis
outage turned every API call into a 500. This backend turns a connection error or a
timeout into the embedded default's behaviour instead: the process keeps its own
``LocMemCache`` for as long as Redis is away (reads miss at first, writes land there), logs
a warning, and leaves Redis alone for ``RETRY_SECONDS`` before it asks again. Once Redis
answers, the process's stand-in is dropped and Redis is the cache again.

Why a backend and not a throttle that allows on errors: one place covers every caller (the
throttles, allauth's login limits, ``memo`` on every award, images), and a caller written
tomorrow cannot forget it. Why a local stand-in and not plain misses: limits keep working
per process while Redis is away (the throttles and the failed-login limits then count per
process, as in the embedded default, so a guesser gets at most one allowance per process,
not an unlimited one), and a value read twice in a request is not loaded twice.

What an outage can leave behind: a ``delete`` that could not reach Redis (a Master saved a
point rule, ``memo`` forgets it) is not replayed, so a Redis that kept its data serves the
old value until its timeout (at most five minutes for ``memo``).
"""

import functools
import logging
import threading
import time
from typing import ClassVar

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _fails_open(method):
    """Run ``method`` on Redis, or on the process's stand-in while Redis is unreachable."""
    name = method.__name__

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self._reachable():
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                self._went_away(name, exc)
            else:
                self._came_back()
                return result
        return getattr(self._stand_in, name)(*args, **kwargs)

    return wrapper


def count_in_window(cache, key: str, previous_key: str, timeout: int) -> tuple[int, int]:
    """Add one to the counter ``key`` (kept for ``timeout`` seconds) and return it with the
    counter ``previous_key`` (0 if missing): the rate limits' counting (``core.throttling``).
    One round trip on ``ResilientRedisCache``; three calls on any other cache."""
    counter = getattr(cache, "count_in_window", None)
    if counter is not None:
        return counter(key, previous_key, timeout)
    return count_with_cache_calls(cache, key, previous_key, timeout)


def count_with_cache_calls(cache, key: str, previous_key: str, timeout: int) -> tuple[int, int]:
    """``count_in_window`` with Django's cache API alone."""
    if cache.add(key, 1, timeout):
        current = 1
    else:
        try:
            current = cache.incr(key)
        except ValueError:  # it expired between the two calls
            cache.set(key, 1, timeout)
            current = 1
    return current, int(cache.get(previous_key) or 0)


class _StandIn(LocMemCache):
    """The process's memory while Redis is away: a ``LocMemCache`` that counts as Redis does."""

    def count_in_window(self, key: str, previous_key: str, timeout: int) -> tuple[int, int]:
        return count_with_cache_calls(self, key, previous_key, timeout)


class _Outage:
    """What the cache objects of one process share about one Redis: the stand-in, when to ask
    Redis again, since when it is away and when that was last said."""

    def __init__(self, stand_in: LocMemCache):
        self.stand_in = stand_in
        self.retry_at = 0.0
        self.away_since: float | None = None
        self.warned_at = 0.0
        self.lock = threading.Lock()


class _SharedRedisCacheClient(RedisCacheClient):
    """Django's client, but with one ``redis.Redis`` per connection pool: Django makes a new
    one on every cache call (a tenth of a millisecond each, on every API request's count)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._redis_objects: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._redis_objects.get(id(pool))
        if client is None:
            client = self._redis_objects[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that never fails a request for Redis.
    Give it short socket timeouts in ``OPTIONS`` (``socket_connect_timeout``,
    ``socket_timeout``): a Redis that does not answer at all costs a request that long, once
    per ``RETRY_SECONDS`` per process."""

    RETRY_SECONDS = 5.0  # after a failure, Redis is not asked again for this long
    WARN_EVERY = 60.0  # while Redis stays away, one warning a minute per process

    # One client (and so one connection pool) per server and options in the process. Django
    # makes a cache object per thread, and under ASGI every request runs in a thread of its
    # own: with Django's client per object, every API request opened a new connection to
    # Redis for its throttle count (a fifth of a trivial request's time).
    _clients: ClassVar[dict[tuple, object]] = {}
    _clients_lock = threading.Lock()

    # The fail-open state too: one stand-in and one retry window per server, options and key
    # space in the process. Kept per cache object, an outage cost every ASGI request the
    # connect timeout, and each request's empty stand-in forgot the failed-login and throttle
    # counts of the requests before it (no limit at all while Redis was away).
    _outages: ClassVar[dict[tuple, "_Outage"]] = {}

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedRedisCacheClient
        self._client_key = (self._class, tuple(self._servers), repr(sorted(self._options.items())))
        space = (params.get("KEY_PREFIX", ""), params.get("VERSION", 1))
        with self._clients_lock:
            outage = self._outages.get((self._client_key, space))
            if outage is None:
                outage = self._outages[(self._client_key, space)] = _Outage(
                    _StandIn(
                        f"redis-stand-in-{len(self._outages)}",
                        {
                            "TIMEOUT": params.get("TIMEOUT", 300),
                            "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                            "VERSION": params.get("VERSION", 1),
                            "OPTIONS": {"MAX_ENTRIES": 10_000},
                        },
                    )
                )
        self._outage = outage
        self._stand_in = outage.stand_in

    @functools.cached_property
    def _cache(self):
        key = self._client_key
        with self._clients_lock:
            client = self._clients.get(key)
            if client is None:
                client = self._clients[key] = self._class(self._servers, **self._options)
                # Made here, under the lock: the client makes its pool on first use, and two
                # threads using it at once would make two (no connection is opened yet).
                client._get_connection_pool(write=True)
        return client

    # --- health ---------------------------------------------------------------------------

    def _reachable(self) -> bool:
        return time.monotonic() >= self._outage.retry_at

    def _went_away(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        outage = self._outage
        with outage.lock:
            outage.retry_at = now + self.RETRY_SECONDS
            first = outage.away_since is None
            if first:
                outage.away_since = now
            warn = first or now - outage.warned_at >= self.WARN_EVERY
            if warn:
                outage.warned_at = now
        if warn:
            logger.warning(
                "Redis cache unavailable (%s: %s); using this process's memory until it answers again",
                operation,
                exc,
            )

    def _came_back(self) -> None:
        outage = self._outage
        if outage.away_since is None:
            return
        with outage.lock:
            if outage.away_since is None:
                return
            away = time.monotonic() - outage.away_since
            outage.away_since = None
        self._stand_in.clear()
        logger.warning("Redis cache answers again after %.0f s", away)

    # --- the cache interface (the ``a…`` variants and ``decr``/``get_or_set`` go through these)

    add = _fails_open(RedisCache.add)
    get = _fails_open(RedisCache.get)
    set = _fails_open(RedisCache.set)
    touch = _fails_open(RedisCache.touch)
    delete = _fails_open(RedisCache.delete)
    get_many = _fails_open(RedisCache.get_many)
    has_key = _fails_open(RedisCache.has_key)
    incr = _fails_open(RedisCache.incr)
    set_many = _fails_open(RedisCache.set_many)
    delete_many = _fails_open(RedisCache.delete_many)
    clear = _fails_open(RedisCache.clear)

    @_fails_open
    def count_in_window(self, key: str, previous_key: str, timeout: int) -> tuple[int, int]:
        """``count_in_window`` in one pipeline: ``INCR`` and ``EXPIRE`` ``key``, ``GET``
        ``previous_key``. Counters are plain integers, as Django's Redis cache stores ints,
        so ``get``/``incr`` read them too."""
        current_key = self.make_and_validate_key(key)
        client = self._cache.get_client(current_key, write=True)
        pipe = client.pipeline(transaction=False)
        pipe.incr(current_key)
        pipe.expire(current_key, timeout)
        pipe.get(self.make_and_validate_key(previous_key))
        current, _expiry, previous = pipe.execute()
        return int(current), int(previous or 0)
