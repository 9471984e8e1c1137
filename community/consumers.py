"""``ws/community/threads/<id>/``: a member who reads the thread's space gets its new
published posts live (``services.telling.push_post``, after commit). Held posts are never
pushed: they reach others only once a moderator approves them."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import policies, selectors
from .services.telling import thread_group


def _may_read(member, thread_id: int) -> bool:
    thread = selectors.find_thread(pk=thread_id)
    return thread is not None and policies.can_read_space(member, thread.space)


class ThreadConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        if not await database_sync_to_async(_may_read)(user, thread_id):
            await self.close(code=4404)
            return
        self.group = thread_group(thread_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def post_created(self, event):
        await self.send_json(event)
