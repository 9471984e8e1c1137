from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .selectors import unread_count
from .services.notifications import notification_group


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    """``ws/notifications/``: the signed-in member's unread count and newest notification,
    live. The current count is sent on connect so a reconnecting client resynchronises."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group = notification_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        count = await database_sync_to_async(unread_count)(member_id=user.pk)
        await self.send_json({"type": "notification.update", "unread": count})

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def notification_update(self, event):
        await self.send_json(event)
