"""Live board updates: coalesced, at most one broadcast per board per second."""

from unittest import mock

import pytest

from gamification import tasks
from gamification.services import broadcasts, follow_ups
from gamification.services.points import record_action
from tests.factories import DepartmentFactory, LocationFactory

pytestmark = pytest.mark.django_db


def countdowns(apply_async) -> list[float]:
    """The countdown of every time the mocked task was sent."""
    return [call.kwargs["countdown"] for call in apply_async.call_args_list]


@pytest.fixture
def dirty_boards(redis_url, settings):
    settings.LEADERBOARD_BROADCASTS = True
    settings.CELERY_TASK_ALWAYS_EAGER = False
    dirty = broadcasts.dirty_boards
    dirty.client.delete(dirty.key)
    yield dirty
    dirty.client.delete(dirty.key)


def test_many_awards_in_a_second_make_one_broadcast(member, rule, dirty_boards, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(tasks.broadcast_dirty_boards, "apply_async") as apply_async,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for i in range(5):
            record_action(member=member, action="test_action", ref=f"burst:{i}")
    assert countdowns(apply_async) == [broadcasts.BROADCAST_EVERY]
    moved = ["all", f"department-{member.department_id}", f"location-{member.location_id}"]
    assert dirty_boards.waiting() == 3  # each board once, for five awards

    with mock.patch.object(broadcasts, "broadcast_board") as broadcast:
        assert tasks.broadcast_dirty_boards() == 3
    assert sorted(call.kwargs["board"] for call in broadcast.call_args_list) == sorted(moved)
    assert dirty_boards.waiting() == 0
    assert tasks.broadcast_dirty_boards() == 0  # safe to run twice


def test_the_boards_an_award_batch_moved_go_out_in_one_run(
    make_member, rule, dirty_boards, settings, django_capture_on_commit_callbacks
):
    settings.AFTER_COMMIT_BATCH_SECONDS = 0.05
    department, location = DepartmentFactory(), LocationFactory()
    members = [make_member(department=department, location=location) for _ in range(3)]
    with mock.patch.object(tasks.broadcast_dirty_boards, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=True):
            for person in members:
                record_action(member=person, action="test_action", ref="1", boards=["challenge-4"])
        with django_capture_on_commit_callbacks(execute=True):  # the task is sent once this "commits"
            follow_ups.awards.drain()
    expected = ["all", "challenge-4", f"department-{department.pk}", f"location-{location.pk}"]
    assert sorted(dirty_boards.take(100)) == expected  # each once, whatever the thread had taken by then
    assert countdowns(apply_async) == [broadcasts.BROADCAST_EVERY]
