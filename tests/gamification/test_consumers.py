"""``ws/leaderboards/<board>/``."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from cms.asgi import application
from gamification.services import broadcasts
from gamification.services.points import record_action
from tests.factories import MemberFactory
from tests.gamification.factories import PointRuleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
def test_websocket_board_gets_state_on_connect_and_pushes_after_an_award():
    member = MemberFactory(display_name="Fleur")
    PointRuleFactory(action="share", label="Share", points=5)

    async def scenario():
        from channels.db import database_sync_to_async

        communicator = WebsocketCommunicator(
            application, "/ws/leaderboards/all/", headers=[(b"origin", b"http://localhost")]
        )
        communicator.scope["user"] = member
        connected, _ = await communicator.connect()
        assert connected
        state = await communicator.receive_json_from(timeout=5)
        assert state["type"] == "board.update" and state["results"] == []
        await database_sync_to_async(record_action)(member=member, action="share", ref="story:1")
        await database_sync_to_async(broadcasts.broadcast_board)(board="all")
        update = await communicator.receive_json_from(timeout=5)
        assert update["results"][0]["member"]["name"] == "Fleur"
        assert update["results"][0]["points"] == 5
        await communicator.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
def test_websocket_board_refuses_anonymous_and_unknown_boards():
    from django.contrib.auth.models import AnonymousUser

    member = MemberFactory()

    async def scenario():
        for user, path, code in [
            (AnonymousUser(), "/ws/leaderboards/all/", 4401),
            (member, "/ws/leaderboards/not a board/", 4404),
        ]:
            communicator = WebsocketCommunicator(application, path, headers=[(b"origin", b"http://localhost")])
            communicator.scope["user"] = user
            connected, close_code = await communicator.connect()
            assert not connected and close_code == code

    async_to_sync(scenario)()
