"""What a committed award sets off (index, broadcasts, badge marks), and that a rolled-back
award sets off nothing."""

import time
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings

from gamification.leaderboards.boards import BoardKey
from gamification.leaderboards.sql import sql_backend
from gamification.models import (
    PointsEntry,
    PointsTotal,
)
from gamification.services import boards as board_index
from gamification.services import broadcasts
from gamification.services.points import record_action
from tests.gamification.factories import (
    PointRuleFactory,
    PrizePeriodFactory,
)

pytestmark = pytest.mark.django_db


def test_an_award_inside_a_rolled_back_transaction_leaves_nothing(member, django_capture_on_commit_callbacks):
    PointRuleFactory(action="doomed", label="Doomed", points=5)
    with (
        mock.patch.object(board_index, "index_entry") as index,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert record_action(member=member, action="doomed", ref="x").created
        raise RuntimeError
    index.assert_not_called()
    assert not PointsEntry.objects.exists()
    assert not PointsTotal.objects.filter(member=member, total__gt=0).exists()


@override_settings(LEADERBOARD_BROADCASTS=True)
def test_a_rolled_back_award_is_never_broadcast(member, rule, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(broadcasts, "schedule_broadcasts") as schedule,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        record_action(member=member, action="test_action", ref="doomed")
        raise RuntimeError
    schedule.assert_not_called()
    assert not PointsEntry.objects.exists()


@pytest.mark.clock
@override_settings(LEADERBOARD_BROADCASTS=True)
def test_an_award_that_counts_for_an_open_prize_moves_its_standings(member, rule, django_capture_on_commit_callbacks):
    counting = PrizePeriodFactory(title="Q4", formula={"test_action": 3})
    PrizePeriodFactory(title="Other", formula={"something_else": 1})
    with (
        mock.patch.object(broadcasts, "schedule_broadcasts") as schedule,
        django_capture_on_commit_callbacks(execute=True),
    ):
        record_action(member=member, action="test_action", ref="a")
    boards = {board for call in schedule.call_args_list for board in call.kwargs["boards"]}
    assert f"prize-{counting.pk}" in boards and "all" in boards and len(boards) == 4  # all, dept, location, prize


def _top(backend, board="all"):
    return [(r.member_id, r.points) for r in backend.top(BoardKey(board), "all", 10)]


def test_awards_reach_the_redis_boards_through_the_batching_thread(
    redis_boards, make_member, settings, django_capture_on_commit_callbacks
):
    settings.AFTER_COMMIT_BATCH_SECONDS = 0.05
    PointRuleFactory(action="threaded", label="Threaded", points=6)
    members = [make_member() for _ in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for person in members:
            record_action(member=person, action="threaded", ref="1")
    deadline = time.monotonic() + 10
    while len(_top(redis_boards)) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _top(redis_boards) == [(m.pk, 6) for m in sorted(members, key=lambda m: m.pk)]
    assert _top(redis_boards) == [(r.member_id, r.points) for r in sql_backend().top(BoardKey("all"), "all", 10)]
