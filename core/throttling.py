"""The API's rate limits at one cache round trip a request.

DRF's ``SimpleRateThrottle`` keeps every client's request times as a list in the cache: each
request reads the list, trims it, pickles it and writes it back, two Redis round trips and a
list as long as the rate (600 a minute for a member) on every API call. These throttles use
the sliding-window counter instead (the estimate Cloudflare's rate limiting describes): a
counter per client and fixed window, and the estimate ``previous × (share of the previous
window still inside the sliding one) + current``. One pipeline a request (``INCR`` and
``EXPIRE`` this window's counter, ``GET`` the previous one); a refused request takes its count
back, so, as with DRF's, only allowed requests count. The estimate assumes the previous
window's requests were spread evenly; it errs by at most that window's unevenness, never by
more than the rate.

The cache is whatever ``default`` is: the Redis cache counts with ``count_in_window`` (one
pipeline, failing open to the process's memory like every other call, ``core.cache``), any
other cache (the embedded default's memory) with ``add``/``incr``/``get``.

The rates, scopes and cache keys are DRF's (``DEFAULT_THROTTLE_RATES``, ``throttle_scope``),
so views and settings name them as DRF documents; ``Retry-After`` is the time until the
estimate lets the next request through."""

import math

from rest_framework import throttling

from core.cache import count_in_window


def estimate(*, previous: int, current: int, elapsed: float) -> float:
    """Requests in the sliding window that ends now, ``elapsed`` (0–1) into the fixed window."""
    return previous * (1.0 - elapsed) + current


def seconds_until_allowed(*, previous: int, current: int, elapsed: float, limit: int, duration: int) -> float:
    """How long until one more request fits under ``limit``, counts as they are now."""
    if current + 1 <= limit:
        # Within this window, once enough of the previous one has slid out.
        needed = 1.0 - (limit - current - 1) / previous if previous else 0.0
        return max(0.0, needed - elapsed) * duration
    # Not before the next window; there this window's count is the previous one.
    needed = max(0.0, 1.0 - (limit - 1) / current)
    return (1.0 - elapsed + needed) * duration


class SlidingWindowThrottle(throttling.SimpleRateThrottle):
    """``SimpleRateThrottle.allow_request``/``wait`` with counters instead of the list. Listed
    after DRF's own class in each throttle below, so that a DRF class that prepares the rate
    first (``ScopedRateThrottle``) calls into this one."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        key = f"{self.key}:{window}"
        # Kept for two windows: the next window reads it as its previous one.
        current, previous = count_in_window(self.cache, key, f"{self.key}:{window - 1}", 2 * self.duration)
        self._counts = (previous, current, now / self.duration - window)
        if estimate(previous=previous, current=current, elapsed=self._counts[2]) <= self.num_requests:
            return True
        # Refused requests do not count (as with DRF's own throttles): a client that keeps
        # knocking gets in again as soon as its allowed requests have slid out.
        try:
            self.cache.decr(key)
            self._counts = (previous, current - 1, self._counts[2])
        except ValueError:
            pass
        return False

    def wait(self):
        previous, current, elapsed = getattr(self, "_counts", (0, self.num_requests, 0.0))
        seconds = seconds_until_allowed(
            previous=previous, current=current, elapsed=elapsed, limit=self.num_requests, duration=self.duration
        )
        return math.ceil(seconds) if seconds > 0 else None


class AnonRateThrottle(throttling.AnonRateThrottle, SlidingWindowThrottle):
    pass


class UserRateThrottle(throttling.UserRateThrottle, SlidingWindowThrottle):
    pass


class ScopedRateThrottle(throttling.ScopedRateThrottle, SlidingWindowThrottle):
    pass
