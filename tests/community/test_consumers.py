"""``ws/community/threads/<id>/``: new published posts arrive live; held posts never do;
members who may not read the space cannot listen."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from cms.asgi import application
from community import services
from tests.community.factories import SpaceFactory, ThreadFactory, trusted
from tests.factories import DepartmentFactory, MemberFactory
from tests.websockets import in_memory_channel_layer


def connect(member, thread_id):
    communicator = WebsocketCommunicator(
        application, f"/ws/community/threads/{thread_id}/", headers=[(b"origin", b"http://localhost")]
    )
    communicator.scope["user"] = member
    return communicator


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
def test_a_published_post_is_pushed_and_a_held_one_is_not():
    space = SpaceFactory()
    thread = ThreadFactory(space=space)
    author, newbie, reader = trusted(MemberFactory(), space), MemberFactory(), MemberFactory()

    async def scenario():
        from channels.db import database_sync_to_async

        communicator = connect(reader, thread.pk)
        connected, _ = await communicator.connect()
        assert connected
        await database_sync_to_async(services.create_post)(member=newbie, thread=thread, body="Eerste keer hier")
        assert await communicator.receive_nothing(timeout=0.3)
        post = await database_sync_to_async(services.create_post)(member=author, thread=thread, body="Live **tip**")
        pushed = await communicator.receive_json_from(timeout=5)
        assert pushed["id"] == post.pk and "<strong>tip</strong>" in pushed["html"]
        await communicator.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
@in_memory_channel_layer
def test_members_outside_the_space_cannot_listen():
    space = SpaceFactory(read_audience="department", department=DepartmentFactory(name="Sales"))
    thread = ThreadFactory(space=space)
    outsider = MemberFactory(department=DepartmentFactory(name="Finance"))

    async def scenario():
        communicator = connect(outsider, thread.pk)
        connected, code = await communicator.connect()
        assert not connected and code == 4404
        await communicator.disconnect()  # a refused consumer still waits for it

    async_to_sync(scenario)()
