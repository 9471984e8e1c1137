"""``ws/notifications/``: the unread count on connect, pushes after commit, nobody anonymous."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from cms.asgi import application
from people import services
from tests.factories import MemberFactory
from tests.websockets import in_memory_channel_layer


def connect(member):
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=[(b"origin", b"http://localhost")])
    communicator.scope["user"] = member
    return communicator


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
def test_websocket_pushes_new_notifications_after_commit():
    member = MemberFactory()
    services.notify(member=member, kind="x", title="Earlier", email=False)

    async def scenario():
        from channels.db import database_sync_to_async

        communicator = connect(member)
        connected, _ = await communicator.connect()
        assert connected
        hello = await communicator.receive_json_from(timeout=5)
        assert hello == {"type": "notification.update", "unread": 1}
        await database_sync_to_async(services.notify)(member=member, kind="x", title="Fresh", email=False)
        pushed = await communicator.receive_json_from(timeout=5)
        assert pushed["unread"] == 2
        assert pushed["latest"]["title"] == "Fresh"
        await communicator.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
def test_websocket_sends_nothing_for_a_rolled_back_notification():
    from django.db import transaction

    member = MemberFactory()

    async def scenario():
        from channels.db import database_sync_to_async

        communicator = connect(member)
        await communicator.connect()
        await communicator.receive_json_from(timeout=5)

        def notify_then_fail():
            with pytest.raises(RuntimeError), transaction.atomic():
                services.notify(member=member, kind="x", title="Never", email=False)
                raise RuntimeError("rolled back")

        await database_sync_to_async(notify_then_fail)()
        assert await communicator.receive_nothing(timeout=0.5)
        await communicator.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
@in_memory_channel_layer
def test_websocket_refuses_anonymous_visitors():
    from django.contrib.auth.models import AnonymousUser

    async def scenario():
        communicator = connect(AnonymousUser())
        connected, code = await communicator.connect()
        assert not connected
        assert code == 4401
        # The refused consumer still waits for the disconnect: left running, it would be
        # cancelled when the event loop closes, which can hang with the Redis channel layer.
        await communicator.disconnect()

    async_to_sync(scenario)()
