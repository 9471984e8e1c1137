"""Shared settings for the WebSocket tests.

A refused connection never reaches the channel layer's delivery, yet the consumer still
subscribes to it; with channels-redis, cancelling that subscription when the test's event loop
closes hung the close (both PostgreSQL + Redis lane workers stopped in ``asyncio.run``'s
``_cancel_all_tasks``, twice, always in a refusal test). Refusal tests use the in-memory
layer; the tests of live delivery keep Redis.
"""

from django.test import override_settings

in_memory_channel_layer = override_settings(
    CHANNEL_LAYERS={"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
)
