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


def test_board_payload_names_the_top_and_my_neighbours_in_one_query(ledger):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    members = MemberFactory.create_batch(15)
    for points, member in enumerate(members, start=1):
        ledger.award(member, points)
    viewer = members[2]  # far below the top ten: the neighbours are other members
    with CaptureQueriesContext(connection) as queries:
        payload = board_payload(ALL, "all", viewer=viewer)
    names = [
        q["sql"] for q in queries.captured_queries if 'FROM "people_member" WHERE "people_member"."id" IN' in q["sql"]
    ]
    assert len(names) == 1, names
    assert [r["points"] for r in payload["results"]] == list(range(15, 5, -1))
    assert all(r["member"]["name"] for r in payload["results"])
    assert payload["me"]["rank"] == 13
    assert [r["points"] for r in payload["me"]["neighbours"]] == [5, 4, 2, 1]
    assert [r["me"] for r in payload["neighbourhood"]] == [False, False, True, False, False]
