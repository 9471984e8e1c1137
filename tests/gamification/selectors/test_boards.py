"""A board as a viewer may see it."""

import pytest

from gamification.leaderboards.boards import BoardKey
from gamification.selectors.boards import board_payload
from people.models import Role
from tests.factories import MemberFactory
from tests.gamification.leaderboards.helpers import HIDDEN

pytestmark = pytest.mark.django_db


ALL = BoardKey("all")


def test_board_payload_shows_masters_everyone(ledger):
    hidden = MemberFactory(leaderboard_visibility=HIDDEN)
    other = MemberFactory()
    ledger.award(hidden, 9)
    ledger.award(other, 1)
    master = MemberFactory(role=Role.MASTER)
    assert [r["rank"] for r in board_payload(ALL, "all", viewer=master)["results"]] == [1, 2]
    payload = board_payload(ALL, "all", viewer=other)
    assert [r["points"] for r in payload["results"]] == [1]
    assert payload["me"]["rank"] == 1
    assert board_payload(ALL, "all", viewer=hidden)["me"] is None
