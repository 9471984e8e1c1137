"""Live board updates: a quiet board goes out at once, what follows within its second is
coalesced into one more broadcast."""

import json
import time
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


def sent_now(apply_async) -> list[list[str]]:
    """The boards of every immediate broadcast the mocked task was sent for."""
    return [call.kwargs["kwargs"]["boards"] for call in apply_async.call_args_list]


def moved_by(member) -> list[str]:
    return sorted(["all", f"department-{member.department_id}", f"location-{member.location_id}"])


@pytest.fixture
def dirty_boards(redis_url, settings, member, monkeypatch):
    """The production coalescer on the test's Redis, with a long "second": a slow test
    machine must not make a burst look quiet."""
    settings.LEADERBOARD_BROADCASTS = True
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.AFTER_COMMIT_BATCH_SECONDS = 0  # follow-ups in the committing thread
    dirty = broadcasts.dirty_boards
    monkeypatch.setattr(dirty, "every", 30)
    names = [*moved_by(member), "challenge-4"]
    dirty.forget(names)
    yield dirty
    dirty.forget(names)


@pytest.mark.redis
def test_the_first_award_on_a_quiet_board_goes_out_at_once_and_a_burst_makes_one_more(
    member, rule, dirty_boards, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(tasks.broadcast_boards_now, "apply_async") as now,
        mock.patch.object(tasks.broadcast_dirty_boards, "apply_async") as later,
        django_capture_on_commit_callbacks(execute=True),
    ):
        record_action(member=member, action="test_action", ref="first")
    assert sent_now(now) == [moved_by(member)]  # no countdown: at once
    assert now.call_args.kwargs["countdown"] is None
    assert later.call_count == 0 and dirty_boards.waiting() == 0

    with (
        mock.patch.object(tasks.broadcast_boards_now, "apply_async") as now,
        mock.patch.object(tasks.broadcast_dirty_boards, "apply_async") as later,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for i in range(5):
            record_action(member=member, action="test_action", ref=f"burst:{i}")
    assert now.call_count == 0  # within the second: coalesced
    [countdown] = countdowns(later)  # one run for five awards and three boards
    assert 0 < countdown <= dirty_boards.every  # what is left of the board's "second"
    assert dirty_boards.waiting() == 3

    with mock.patch.object(broadcasts, "broadcast_board") as broadcast:
        assert tasks.broadcast_dirty_boards() == 3
    assert sorted(call.kwargs["board"] for call in broadcast.call_args_list) == moved_by(member)
    assert dirty_boards.waiting() == 0
    assert tasks.broadcast_dirty_boards() == 0  # safe to run twice

    # the run opened a new second for the boards it sent: an award right after is coalesced
    with (
        mock.patch.object(tasks.broadcast_boards_now, "apply_async") as now,
        mock.patch.object(tasks.broadcast_dirty_boards, "apply_async") as later,
        django_capture_on_commit_callbacks(execute=True),
    ):
        record_action(member=member, action="test_action", ref="after-the-run")
    assert now.call_count == 0 and later.call_count == 1


@pytest.mark.redis
def test_a_board_quiet_for_its_second_goes_out_at_once_again(member, rule, dirty_boards, settings):
    dirty = broadcasts.LeadingThenCoalesced(dirty_boards.key, 0.2, mock.Mock(), mock.Mock())
    dirty.add(["all"])
    dirty.add(["all"])
    assert dirty.send_now.call_args_list == [mock.call(["all"])] and dirty.schedule.call_count == 1
    time.sleep(0.25)
    dirty.take(10)
    dirty.add(["all"])
    assert dirty.send_now.call_args_list == [mock.call(["all"]), mock.call(["all"])]


@pytest.mark.redis
def test_the_boards_an_award_batch_moved_go_out_in_one_message(
    make_member, rule, dirty_boards, settings, django_capture_on_commit_callbacks
):
    settings.AFTER_COMMIT_BATCH_SECONDS = 0.05
    department, location = DepartmentFactory(), LocationFactory()
    members = [make_member(department=department, location=location) for _ in range(3)]
    dirty_boards.forget([f"department-{department.pk}", f"location-{location.pk}"])
    with mock.patch.object(tasks.broadcast_boards_now, "apply_async") as now:
        with django_capture_on_commit_callbacks(execute=True):
            for person in members:
                record_action(member=person, action="test_action", ref="1", boards=["challenge-4"])
        with django_capture_on_commit_callbacks(execute=True):  # the task is sent once this "commits"
            follow_ups.awards.drain()
    expected = ["all", "challenge-4", f"department-{department.pk}", f"location-{location.pk}"]
    sent = [board for boards in sent_now(now) for board in boards]
    assert sorted(sent) == expected  # each once, whatever the thread had taken by then
    dirty_boards.forget(expected)


def test_without_a_worker_a_quiet_board_is_sent_in_the_callers_thread_and_a_burst_once_more(settings):
    settings.LEADERBOARD_BROADCASTS = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    broadcasts.in_process.forget()
    with mock.patch.object(broadcasts, "broadcast_boards") as broadcast:
        broadcasts.schedule_broadcasts(boards=["all", "department-1"])
        assert broadcast.call_args_list == [mock.call(boards=["all", "department-1"])]
        for _ in range(5):
            broadcasts.schedule_broadcasts(boards=["all"])
        assert broadcast.call_count == 1
        timer = broadcasts.in_process._timer
        assert timer is not None and timer.interval <= broadcasts.BROADCAST_EVERY
        timer.join(2)
        assert broadcast.call_args_list[1:] == [mock.call(boards=["all"])]
    broadcasts.in_process.forget()


def test_the_message_carries_the_board_rendered_once(member, rule):
    record_action(member=member, action="test_action", ref="1")
    message = broadcasts.board_message("all")
    assert message["type"] == "board.update"
    board = json.loads(message["text"])
    assert board["board"] == "all" and board["results"][0]["points"] == 10
