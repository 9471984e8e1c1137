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
from tests.websockets import in_memory_channel_layer

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
@in_memory_channel_layer
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
            await communicator.disconnect()  # a refused consumer still waits for it

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
def test_a_connecting_client_gets_the_current_board_at_once_and_updates_cost_no_thread_hop():
    member = MemberFactory(display_name="Fleur")
    PointRuleFactory(action="share", label="Share", points=5)
    record_action(member=member, action="share", ref="story:1")  # before anyone listens

    async def scenario():
        from unittest import mock

        from channels.db import database_sync_to_async

        communicator = WebsocketCommunicator(
            application, "/ws/leaderboards/all/", headers=[(b"origin", b"http://localhost")]
        )
        communicator.scope["user"] = member
        connected, _ = await communicator.connect()
        assert connected
        state = await communicator.receive_json_from(timeout=5)  # no award, no broadcast needed
        assert [(r["member"]["name"], r["points"]) for r in state["results"]] == [("Fleur", 5)]
        await database_sync_to_async(record_action)(member=member, action="share", ref="story:2")
        with mock.patch("channels.consumer.aclose_old_connections") as hop:
            await database_sync_to_async(broadcasts.broadcast_board)(board="all")
            update = await communicator.receive_json_from(timeout=5)
        assert update["results"][0]["points"] == 10
        assert hop.call_count == 0  # the update went out without the per-message sync hop
        await communicator.disconnect()

    async_to_sync(scenario)()


def test_listeners_rejoin_their_group_well_within_its_expiry(settings):
    from gamification.consumers import group_refresh_seconds

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "x", "CONFIG": {"group_expiry": 300}}}
    assert group_refresh_seconds() == 100
