from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .errors import UnknownBoard
from .leaderboards.boards import group_name, parse_board
from .selectors.boards import public_top


class LeaderboardConsumer(AsyncJsonWebsocketConsumer):
    """``ws/leaderboards/<board>/``: signed-in members watch a board. On connect the client
    gets the current top N (so a reconnect resynchronises); then coalesced updates
    (``services.broadcasts``).

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
        await self.send_json(await database_sync_to_async(public_top)(board))

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def board_update(self, event):
        await self.send_json(event)
