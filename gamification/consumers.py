import asyncio
import contextlib
import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from .errors import UnknownBoard
from .leaderboards.boards import group_name, parse_board
from .selectors.boards import public_top


def group_refresh_seconds() -> float:
    """How often a listener re-joins its board's group: well within the channel layer's
    ``group_expiry``, so the members of a worker that died (and never left) expire while
    the living stay."""
    config = settings.CHANNEL_LAYERS.get("default", {}).get("CONFIG", {})
    return max(1.0, config.get("group_expiry", 86400) / 3)


class LeaderboardConsumer(AsyncJsonWebsocketConsumer):
    """``ws/leaderboards/<board>/``: signed-in members watch a board. On connect the client
    gets the current top N at once (so a reconnect resynchronises); then the updates
    ``services.broadcasts`` sends, already rendered: a listener sends the text as it came,
    it neither queries nor encodes anything per update.

    A slow client does not hold anyone up: the channel layer drops messages to a full
    channel (capacity in settings) and the next update or a reconnect brings it back."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        board = self.scope["url_route"]["kwargs"]["board"]
        try:
            parse_board(board)
        except UnknownBoard:
            await self.close(code=4404)
            return
        self.group = group_name(board)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        self.rejoin = asyncio.ensure_future(self._rejoin_periodically())
        await self.send_json(await database_sync_to_async(public_top)(board))

    async def _rejoin_periodically(self):
        every = group_refresh_seconds()
        while True:
            await asyncio.sleep(every)
            with contextlib.suppress(Exception):  # the next round or a reconnect tries again
                await self.channel_layer.group_add(self.group, self.channel_name)

    async def disconnect(self, code):
        if hasattr(self, "rejoin"):
            self.rejoin.cancel()
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def dispatch(self, message):
        # Channels (4.2+) hops to its one sync thread before every handler to close old
        # database connections; for thousands of listeners of one broadcast those hops queue
        # behind each other (the ~1.3 s of issue 18). An update touches no database.
        if message.get("type") == "board.update":
            await self.board_update(message)
            return
        await super().dispatch(message)

    async def board_update(self, event):
        if "text" in event:
            await self.send(text_data=event["text"])
        else:  # a message from a process of the previous release
            await self.send(text_data=json.dumps(event))
