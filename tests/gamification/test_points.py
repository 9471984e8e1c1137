import datetime
import threading
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone

from cms.asgi import application
from gamification import leaderboards, services, tasks
from gamification.models import ActiveWeek, LevelReached, PointRule, PointsEntry, PointsTotal
from gamification.services import Skipped, record_action, streak_from_weeks
from learning import services as learning
from people.models import Notification, Role
from tests.concurrency import run_at_once
from tests.factories import MemberFactory, correct_answers, lessons_of, make_course, make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(db):
    return PointRule.objects.create(action="test_action", label="Test", points=10)


def total(member):
    return PointsTotal.objects.get(member=member).total


def test_the_same_action_and_ref_is_recorded_once(member, rule):
    first = record_action(member, "test_action", "thing:1")
    second = record_action(member, "test_action", "thing:1")
    assert first.created and not second.created
    assert second.skipped == Skipped.DUPLICATE and second.entry.pk == first.entry.pk
    assert PointsEntry.objects.filter(member=member).count() == 1
    assert total(member) == 10


def test_unknown_inactive_and_out_of_window_actions_award_nothing(member, rule):
    assert record_action(member, "never_configured", "x").skipped == Skipped.NO_RULE
    rule.active = False
    rule.save()
    assert record_action(member, "test_action", "x").skipped == Skipped.INACTIVE
    rule.active = True
    rule.valid_until = timezone.now() - datetime.timedelta(days=1)
    rule.save()
    assert record_action(member, "test_action", "x").skipped == Skipped.OUTSIDE_WINDOW
    assert not PointsEntry.objects.exists()


@pytest.mark.clock
def test_daily_cap(member, rule):
    rule.daily_cap = 3
    rule.save()
    results = [record_action(member, "test_action", f"click:{i}") for i in range(5)]
    assert [r.created for r in results] == [True, True, True, False, False]
    assert results[-1].skipped == Skipped.DAILY_CAP
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert record_action(member, "test_action", "click:next-day", occurred_at=tomorrow).created


@pytest.mark.clock
def test_cooldown(member, rule):
    rule.cooldown_seconds = 60
    rule.save()
    now = timezone.now()
    assert record_action(member, "test_action", "a", occurred_at=now).created
    assert record_action(member, "test_action", "b", occurred_at=now + datetime.timedelta(seconds=30)).skipped == (
        Skipped.COOLDOWN
    )
    assert record_action(member, "test_action", "c", occurred_at=now + datetime.timedelta(seconds=61)).created


def test_corrections_are_new_negative_entries_with_a_reason(member, rule, make_member):
    master = make_member(role=Role.MASTER)
    record_action(member, "test_action", "a")
    with pytest.raises(ValueError):
        services.correct_points(member=member, points=-5, reason="  ", by=master)
    entry = services.correct_points(member=member, points=-5, reason="Shared twice by mistake", by=master)
    assert entry.points == -5 and entry.created_by == master
    assert PointsEntry.objects.filter(member=member).count() == 2
    assert total(member) == 5 == PointsEntry.objects.filter(member=member).aggregate(s=Sum("points"))["s"]


@pytest.mark.parametrize("points, level", [(0, 1), (49, 1), (50, 2), (149, 2), (150, 3), (3000, 10), (99999, 10)])
def test_level_edges(points, level):
    from gamification.levels import level_for

    assert level_for(points).number == level


def test_reaching_a_level_notifies_once(member):
    PointRule.objects.create(action="big", label="Big", points=160)
    record_action(member, "big", "1")  # 0 → 160: passes level 2 and 3 at once
    assert set(LevelReached.objects.filter(member=member).values_list("number", flat=True)) == {2, 3}
    level_notes = Notification.objects.filter(member=member, kind="level_reached")
    assert level_notes.count() == 1
    assert "3" in level_notes.get().body
    services.correct_points(member=member, points=-160, reason="test", by=member)
    record_action(member, "big", "2")  # back over the same thresholds: no new notification
    assert Notification.objects.filter(member=member, kind="level_reached").count() == 1


def test_level_is_derived_from_points_when_masters_change_thresholds(member, api):
    from gamification.models import Level

    PointRule.objects.create(action="p", label="P", points=60)
    record_action(member, "p", "1")
    assert api.get("/api/v1/me/").json()["level"]["number"] == 2
    level = Level.objects.get(number=2)
    level.threshold = 100  # as a Master saves it in the admin
    level.save()
    me = api.get("/api/v1/me/").json()
    assert me["points"] == 60 and me["level"]["number"] == 1 and me["level"]["points_to_next"] == 40


@pytest.mark.clock
def test_streaks():
    monday = datetime.date(2026, 11, 23)
    weeks = [monday - datetime.timedelta(weeks=n) for n in (7, 6, 5, 2, 1)]
    assert streak_from_weeks(sorted(weeks), today=monday) == {"current": 2, "longest": 3}
    assert streak_from_weeks(sorted([*weeks, monday]), today=monday) == {"current": 3, "longest": 3}
    assert streak_from_weeks(sorted(weeks), today=monday + datetime.timedelta(weeks=1)) == {"current": 0, "longest": 3}
    assert streak_from_weeks([], today=monday) == {"current": 0, "longest": 0}


@pytest.mark.clock
def test_active_weeks_follow_points(member, rule):
    now = timezone.now()
    record_action(member, "test_action", "a", occurred_at=now)
    record_action(member, "test_action", "b", occurred_at=now - datetime.timedelta(weeks=1))
    record_action(member, "test_action", "c", occurred_at=now - datetime.timedelta(weeks=1, hours=1))
    assert ActiveWeek.objects.filter(member=member).count() == 2
    assert services.streak(member)["current"] == 2


def test_learning_actions_earn_points_once(member):
    course = make_course(lessons=2, quiz_on=[1])
    make_path([course], target_role=Role.CREATOR)
    first, second = lessons_of(course)
    learning.complete_lesson(member=member, lesson=first)
    learning.complete_lesson(member=member, lesson=first)
    learning.submit_quiz(member=member, lesson=second, answers=correct_answers(second))
    learning.submit_quiz(member=member, lesson=second, answers=correct_answers(second))
    actions = sorted(PointsEntry.objects.filter(member=member).values_list("action", flat=True))
    assert actions == sorted(
        ["lesson_completed", "lesson_completed", "quiz_passed", "course_completed", "path_completed", "role_promoted"]
    )
    assert total(member) == 10 + 10 + 5 + 25 + 50 + 20


def test_points_history_page_and_api(logged_in, member, api, rule):
    record_action(member, "test_action", "a", label="Shared the trade fair photo", url="/somewhere/")
    page = logged_in.get("/points/")
    assert page.status_code == 200
    assert b"Shared the trade fair photo" in page.content and b'href="/somewhere/"' in page.content
    data = api.get("/api/v1/me/points/").json()
    assert data["count"] == 1 and data["results"][0]["points"] == 10


def test_points_pages_need_login(client):
    assert client.get("/points/").status_code == 302
    assert client.get("/leaderboards/").status_code == 302
    assert client.get("/api/v1/me/points/").status_code in (401, 403)
    assert client.get("/api/v1/leaderboards/all/").status_code in (401, 403)


def test_leaderboard_api_shape(api, member, rule, make_member):
    others = [make_member() for _ in range(6)]
    for i, other in enumerate(others):
        for n in range(i + 1):
            record_action(other, "test_action", f"{n}")
    record_action(member, "test_action", "mine")
    data = api.get("/api/v1/leaderboards/all/?period=week").json()
    assert [row["rank"] for row in data["results"]] == [1, 2, 3, 4, 5, 6, 6]
    assert data["me"]["rank"] == 6 and data["me"]["points"] == 10
    assert len(data["me"]["neighbours"]) == 3  # two above, one below (the end of the board)
    assert api.get("/api/v1/leaderboards/all/?period=year").status_code == 400
    assert api.get("/api/v1/leaderboards/nonsense/").status_code == 404


def test_leaderboard_page(logged_in, member, rule):
    record_action(member, "test_action", "a")
    response = logged_in.get("/leaderboards/")
    assert response.status_code == 200 and b'data-testid="neighbours"' in response.content
    assert logged_in.get("/leaderboards/bogus board/").status_code == 404


# --- concurrency on PostgreSQL ----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_award_once(require_postgres):
    member = MemberFactory()
    PointRule.objects.create(action="share", label="Share", points=5)
    assert run_at_once([lambda: record_action(member, "share", "story:1")] * 12) == []
    assert PointsEntry.objects.filter(member=member).count() == 1
    assert PointsTotal.objects.get(member=member).total == 5


@pytest.mark.clock
@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_respect_the_daily_cap(require_postgres):
    member = MemberFactory()
    PointRule.objects.create(action="click", label="Click", points=1, daily_cap=3)
    counter = iter(range(100))
    lock = threading.Lock()

    def click():
        with lock:
            n = next(counter)
        record_action(member, "click", f"visitor:{n}")

    assert run_at_once([click] * 10) == []
    assert PointsEntry.objects.filter(member=member).count() == 3
    assert PointsTotal.objects.get(member=member).total == 3


# --- live boards ------------------------------------------------------------------------


@pytest.fixture
def dirty_boards(redis_url, settings):
    settings.LEADERBOARD_BROADCASTS = True
    settings.CELERY_TASK_ALWAYS_EAGER = False
    leaderboards.dirty_boards.clear()
    yield leaderboards.dirty_boards
    leaderboards.dirty_boards.clear()


def test_many_awards_in_a_second_make_one_broadcast(member, rule, dirty_boards, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(tasks.broadcast_dirty_boards, "apply_async") as apply_async,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for i in range(5):
            record_action(member, "test_action", f"burst:{i}")
    apply_async.assert_called_once_with(countdown=leaderboards.BROADCAST_EVERY)
    moved = ["all", f"department-{member.department_id}", f"location-{member.location_id}"]
    assert dirty_boards.waiting() == 3  # each board once, for five awards

    with mock.patch.object(tasks, "broadcast_board") as broadcast:
        assert tasks.broadcast_dirty_boards() == 3
    assert sorted(call.args[0] for call in broadcast.call_args_list) == sorted(moved)
    assert dirty_boards.waiting() == 0
    assert tasks.broadcast_dirty_boards() == 0  # safe to run twice


def test_the_boards_an_award_batch_moved_go_out_in_one_run(
    make_member, rule, dirty_boards, settings, django_capture_on_commit_callbacks
):
    from tests.factories import DepartmentFactory, LocationFactory

    settings.AFTER_COMMIT_BATCH_SECONDS = 0.05
    department, location = DepartmentFactory(), LocationFactory()
    members = [make_member(department=department, location=location) for _ in range(3)]
    with mock.patch.object(tasks.broadcast_dirty_boards, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=True):
            for person in members:
                record_action(person, "test_action", "1", boards=["challenge-4"])
        services._follow_ups.drain()
    expected = ["all", "challenge-4", f"department-{department.pk}", f"location-{location.pk}"]
    assert sorted(dirty_boards.take(100)) == expected  # each once, whatever the thread had taken by then
    apply_async.assert_called_once_with(countdown=leaderboards.BROADCAST_EVERY)


@override_settings(LEADERBOARD_BROADCASTS=True)
def test_a_rolled_back_award_is_never_broadcast(member, rule, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(leaderboards, "schedule_broadcasts") as schedule,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        record_action(member, "test_action", "doomed")
        raise RuntimeError
    schedule.assert_not_called()
    assert not PointsEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
def test_websocket_board_gets_state_on_connect_and_pushes_after_an_award():
    member = MemberFactory(display_name="Fleur")
    PointRule.objects.create(action="share", label="Share", points=5)

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
        await database_sync_to_async(record_action)(member, "share", "story:1")
        await database_sync_to_async(tasks.broadcast_board)("all")
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


def test_members_choose_how_they_appear_on_boards(client, rule, make_member):
    shy, viewer, master = make_member(display_name="Shy"), make_member(), make_member(role=Role.MASTER)
    record_action(shy, "test_action", "a")
    client.force_login(shy)
    assert client.post("/leaderboards/visibility/", {"visibility": "anonymous"}).status_code == 302
    shy.refresh_from_db()
    assert shy.leaderboard_visibility == "anonymous"
    board = leaderboards.board_payload(leaderboards.parse_board("all"), "all", viewer=viewer)
    assert board["results"][0]["member"] == {"id": None, "name": "Anonymous ambassador"}
    client.post("/leaderboards/visibility/", {"visibility": "hidden"})
    assert leaderboards.board_payload(leaderboards.parse_board("all"), "all", viewer=viewer)["results"] == []
    seen_by_master = leaderboards.board_payload(leaderboards.parse_board("all"), "all", viewer=master)["results"]
    assert seen_by_master[0]["member"]["name"] == "Shy"
    client.post("/leaderboards/visibility/", {"visibility": "everywhere!"})
    shy.refresh_from_db()
    assert shy.leaderboard_visibility == "hidden"


def test_the_beat_schedule_names_tasks_that_exist():
    from django.conf import settings

    from cms.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


@pytest.mark.clock
@override_settings(LEADERBOARD_BROADCASTS=True)
def test_an_award_that_counts_for_an_open_prize_moves_its_standings(member, rule, django_capture_on_commit_callbacks):
    from gamification.models import PrizePeriod

    now = timezone.now()
    counting = PrizePeriod.objects.create(
        title="Q4",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=30),
        formula={"test_action": 3},
    )
    PrizePeriod.objects.create(
        title="Other",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=30),
        formula={"something_else": 1},
    )
    with (
        mock.patch.object(leaderboards, "schedule_broadcasts") as schedule,
        django_capture_on_commit_callbacks(execute=True),
    ):
        record_action(member, "test_action", "a")
    boards = {board for call in schedule.call_args_list for board in call.args[0]}
    assert f"prize-{counting.pk}" in boards and "all" in boards and len(boards) == 4  # all, dept, location, prize
