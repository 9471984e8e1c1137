"""The channel layer: its settings, and the receive loop per process (real Redis)."""

import asyncio

import pytest
from asgiref.sync import async_to_sync

from cms.settings.base import redis_services
from core.channel_layer import FanOutRedisChannelLayer


def test_the_redis_channel_layer_settings():
    layer = redis_services("redis://example:6379/3")["CHANNEL_LAYERS"]["default"]
    assert layer["BACKEND"] == "core.channel_layer.FanOutRedisChannelLayer"
    config = layer["CONFIG"]
    # listeners of a dead worker leave a board's group within minutes, not a day
    assert config["group_expiry"] == 300
    assert config["capacity"] >= 100 and config["expiry"] <= 60
    assert FanOutRedisChannelLayer.brpop_timeout < 5  # below redis-py's socket timeout


@pytest.mark.redis
def test_one_group_send_reaches_every_listener_of_the_process_once(redis_url):
    layer = FanOutRedisChannelLayer(hosts=[redis_url], prefix="test-fanout", group_expiry=300)

    async def scenario():
        channels = [await layer.new_channel() for _ in range(50)]
        for channel in channels:
            await layer.group_add("board", channel)
        receivers = [asyncio.ensure_future(layer.receive(channel)) for channel in channels]
        await asyncio.sleep(0.05)
        await layer.group_send("board", {"type": "board.update", "text": "{}"})
        messages = await asyncio.wait_for(asyncio.gather(*receivers), 5)
        assert messages == [{"type": "board.update", "text": "{}"}] * 50
        await layer.flush()

    async_to_sync(scenario)()


@pytest.mark.redis
def test_group_members_that_never_rejoin_expire(redis_url):
    layer = FanOutRedisChannelLayer(hosts=[redis_url], prefix="test-expiry", group_expiry=1)

    async def scenario():
        dead = await layer.new_channel()
        await layer.group_add("board", dead)
        connection = layer.connection(layer.consistent_hash("board"))
        key = layer._group_key("board")
        await connection.zadd(key, {dead: 0})  # joined long ago, never re-joined
        await layer.group_send("board", {"type": "board.update", "text": "{}"})
        assert await connection.zcard(key) == 0
        await layer.flush()

    async_to_sync(scenario)()
