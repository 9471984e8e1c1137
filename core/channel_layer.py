"""The Redis channel layer with one receive loop per process.

channels-redis hands a receive lock between all the coroutines of a process that wait on
its process-specific channel: each waiting listener keeps two futures (the lock and its
buffer), and a message for a group of N listeners in the process wakes all N, which cancel
their lock futures (an O(N) removal each from the lock's waiter queue) and make new ones.
With thousands of WebSockets on a worker that is quadratic work per broadcast, measured at
about a second at 2,000 listeners (docs/benchmarks.md, "Live boards"). Here one task per
event loop reads the process's channel and puts each message into the buffers of the
listeners it names; a listener only waits on its own buffer.

Its connection pools wait for a free connection (up to ``POOL_TIMEOUT`` seconds) instead of
raising "Too many connections" as redis-py's default pool does once a hundred are in use: a
worker's WebSockets reconnecting at once after a restart all join their groups together.

Everything else (sending, groups, expiry, capacity, the backup queue that keeps a message
whose reader was cancelled) is channels-redis' own."""

import asyncio
import logging

import redis.asyncio
from channels_redis.core import RedisChannelLayer

logger = logging.getLogger(__name__)


POOL_SIZE = 100  # connections to each Redis host per worker process and event loop
POOL_TIMEOUT = 10  # seconds a command waits for one


class FanOutRedisChannelLayer(RedisChannelLayer):
    # Below redis-py's 5 s socket timeout: channels-redis' 5 s blocking pop timed out on the
    # socket now and then, an error that closed the listener.
    brpop_timeout = 2

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._readers: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}
        self._listeners: dict[asyncio.AbstractEventLoop, int] = {}

    def create_pool(self, index):
        host = dict(self.hosts[index])
        if "address" not in host:  # sentinels: channels-redis' own pool
            return super().create_pool(index)
        address = host.pop("address")
        host.setdefault("max_connections", POOL_SIZE)
        host.setdefault("timeout", POOL_TIMEOUT)
        return redis.asyncio.BlockingConnectionPool.from_url(address, **host)

    async def receive(self, channel):
        if "!" not in channel:
            return await super().receive(channel)
        assert self.require_valid_channel_name(channel)
        real_channel = self.non_local_name(channel)
        loop = asyncio.get_running_loop()
        self._listeners[loop] = self._listeners.get(loop, 0) + 1
        try:
            reader = self._readers.get(loop)
            if reader is None or reader.done():
                self._readers[loop] = loop.create_task(self._read(real_channel))
            buffer = self.receive_buffer[channel]
            try:
                message = await buffer.get()
            except asyncio.CancelledError:
                self.receive_buffer.pop(channel, None)  # the listener is gone (as channels-redis does)
                raise
            if buffer.empty() and self.receive_buffer.get(channel) is buffer:
                del self.receive_buffer[channel]
            return message
        finally:
            self._listeners[loop] -= 1
            if not self._listeners[loop]:
                # nobody listens on this loop any more: stop reading (a message the reader
                # had taken stays in channels-redis' backup queue and is read again)
                del self._listeners[loop]
                reader = self._readers.pop(loop, None)
                if reader is not None:
                    reader.cancel()

    async def _read(self, real_channel: str) -> None:
        while True:
            try:
                names, message = await self.receive_single(real_channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("Channel layer receive failed; retrying in a second", exc_info=True)
                await asyncio.sleep(1)
                continue
            for name in names if isinstance(names, list) else [names]:
                self.receive_buffer[name].put_nowait(message)
