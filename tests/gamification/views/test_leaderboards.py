"""The leaderboard page and the member's visibility choice."""

import pytest

from gamification.leaderboards.boards import parse_board
from gamification.selectors.boards import board_payload
from gamification.services.points import record_action
from people.models import Role

pytestmark = pytest.mark.django_db


def test_leaderboard_page(logged_in, member, rule):
    record_action(member=member, action="test_action", ref="a")
    response = logged_in.get("/leaderboards/")
    assert response.status_code == 200 and b'data-testid="neighbours"' in response.content
    assert logged_in.get("/leaderboards/bogus board/").status_code == 404
    assert logged_in.get("/leaderboards/prize-999999/").status_code == 404  # no such prize period


def test_members_choose_how_they_appear_on_boards(client, rule, make_member):
    shy, viewer, master = make_member(display_name="Shy"), make_member(), make_member(role=Role.MASTER)
    record_action(member=shy, action="test_action", ref="a")
    client.force_login(shy)
    assert client.post("/leaderboards/visibility/", {"visibility": "anonymous"}).status_code == 302
    shy.refresh_from_db()
    assert shy.leaderboard_visibility == "anonymous"
    board = board_payload(parse_board("all"), "all", viewer=viewer)
    assert board["results"][0]["member"] == {"id": None, "name": "Anonymous ambassador"}
    client.post("/leaderboards/visibility/", {"visibility": "hidden"})
    assert board_payload(parse_board("all"), "all", viewer=viewer)["results"] == []
    seen_by_master = board_payload(parse_board("all"), "all", viewer=master)["results"]
    assert seen_by_master[0]["member"]["name"] == "Shy"
    client.post("/leaderboards/visibility/", {"visibility": "everywhere!"})
    shy.refresh_from_db()
    assert shy.leaderboard_visibility == "hidden"
