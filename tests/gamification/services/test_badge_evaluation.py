"""When a badge is earned: the criteria engine, evaluation after awards (coalesced with Redis
and a worker) and the sweep."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from gamification import tasks
from gamification.models import (
    BadgeAward,
    BadgeCriterion,
    PointRule,
)
from gamification.services import badge_evaluation, badge_sweep
from gamification.services.badge_evaluation import evaluate_for
from gamification.services.badges import award
from gamification.services.points import record_action
from people.models import Notification
from tests.factories import MemberFactory
from tests.gamification.factories import (
    BadgeFactory,
    PointRuleFactory,
)
from tests.gamification.helpers import act, awarded

pytestmark = pytest.mark.django_db


def rule(action, points=10):
    """A rule for ``action`` unless one exists (the data migrations made several)."""
    PointRule.objects.get_or_create(action=action, defaults={"label": action, "label_en": action, "points": points})


def test_action_count_awards_at_n_and_not_before(member):
    badge = BadgeFactory(action="lesson_completed", count=3)
    act(member)
    act(member)
    assert evaluate_for(member=member) == []
    act(member)
    (award,) = evaluate_for(member=member)
    assert award.badge == badge and award.member == member
    assert len(award.salt) == 32 and award.reason == "" and award.awarded_by is None


@pytest.mark.clock
def test_action_count_within_a_period_counts_only_recent_actions(member):
    badge = BadgeFactory(action="lesson_completed", count=2, period_days=7)
    act(member, occurred_at=timezone.now() - datetime.timedelta(days=10))
    act(member)
    assert evaluate_for(member=member) == []
    act(member)
    assert [a.badge for a in evaluate_for(member=member)] == [badge]


def test_action_count_ignores_other_actions_and_other_members(member):
    badge = BadgeFactory(action="quiz_passed", count=1)
    act(member, "lesson_completed")
    act(MemberFactory(), "quiz_passed")
    assert evaluate_for(member=member) == []
    act(member, "quiz_passed")
    assert [a.badge for a in evaluate_for(member=member)] == [badge]


def test_level_badge_awards_once_the_level_is_reached(member):
    rule("big_win", points=40)  # level 2 needs 50 points (data migration)
    badge = BadgeFactory(criterion=BadgeCriterion.LEVEL, level=2)
    act(member, "big_win")
    assert evaluate_for(member=member) == []
    act(member, "lesson_completed")  # 40 + 10 = 50
    assert [a.badge for a in evaluate_for(member=member)] == [badge]


@pytest.mark.parametrize(
    "criterion, action, prefix",
    [
        (BadgeCriterion.COURSE_COMPLETED, "course_completed", "course"),
        (BadgeCriterion.PATH_COMPLETED, "path_completed", "path"),
        (BadgeCriterion.CHALLENGE_WON, "challenge_won", "challenge"),
    ],
)
def test_completion_badges_for_any_or_a_specific_ref(member, criterion, action, prefix):
    rule("challenge_won", points=50)
    any_one = BadgeFactory(criterion=criterion)
    specific = BadgeFactory(criterion=criterion, ref=f"{prefix}:wanted")
    act(member, "lesson_completed")
    assert evaluate_for(member=member) == []
    act(member, action, ref=f"{prefix}:another")
    assert [a.badge for a in evaluate_for(member=member)] == [any_one]
    act(member, action, ref=f"{prefix}:wanted")
    assert [a.badge for a in evaluate_for(member=member)] == [specific]


@pytest.mark.clock
def test_streak_badge_needs_consecutive_weeks(member):
    badge = BadgeFactory(criterion=BadgeCriterion.STREAK_WEEKS, count=3)
    now = timezone.now()
    act(member, occurred_at=now - datetime.timedelta(weeks=4))
    act(member, occurred_at=now - datetime.timedelta(weeks=2))
    act(member, occurred_at=now - datetime.timedelta(weeks=1))
    assert evaluate_for(member=member) == []  # longest run: 2 weeks
    act(member, occurred_at=now)
    assert [a.badge for a in evaluate_for(member=member)] == [badge]


def test_manual_and_inactive_badges_are_never_awarded_by_the_engine(member):
    BadgeFactory(criterion=BadgeCriterion.MANUAL)
    BadgeFactory(action="lesson_completed", count=1, active=False)
    act(member)
    assert evaluate_for(member=member) == []
    assert not BadgeAward.objects.exists()


def test_evaluating_twice_awards_and_notifies_once(member):
    badge = BadgeFactory(action="lesson_completed", count=1, name="Go-getter", name_en="Go-getter")
    act(member)
    assert len(evaluate_for(member=member)) == 1
    assert evaluate_for(member=member) == []
    again, created = award(member=member, badge=badge)
    assert created is False
    assert BadgeAward.objects.filter(member=member, badge=badge).count() == 1
    (notification,) = Notification.objects.filter(member=member, kind="badge_awarded")
    assert "Go-getter" in notification.title
    assert notification.url == f"/badges/assertions/{again.uuid}/"
    assert notification.dedupe_key == f"badge:{badge.pk}"


def test_evaluation_reads_a_bounded_number_of_queries(member, django_assert_max_num_queries):
    rule("challenge_won")
    BadgeFactory(action="lesson_completed", count=50)
    BadgeFactory(action="quiz_passed", count=50, period_days=7)
    BadgeFactory(criterion=BadgeCriterion.LEVEL, level=9)
    BadgeFactory(criterion=BadgeCriterion.COURSE_COMPLETED, ref="course:x")
    BadgeFactory(criterion=BadgeCriterion.PATH_COMPLETED)
    BadgeFactory(criterion=BadgeCriterion.CHALLENGE_WON, ref="challenge:1")
    BadgeFactory(criterion=BadgeCriterion.STREAK_WEEKS, count=9)
    act(member)
    with django_assert_max_num_queries(5):  # badges, counts, refs, level, weeks
        assert evaluate_for(member=member) == []


def test_record_action_evaluates_badges_through_the_celery_task(member, django_capture_on_commit_callbacks):
    badge = BadgeFactory(action="lesson_completed", count=1)
    with django_capture_on_commit_callbacks(execute=True):
        record_action(member=member, action="lesson_completed", ref="lesson:1")
    assert awarded(member, badge)
    with django_capture_on_commit_callbacks(execute=True):
        record_action(member=member, action="lesson_completed", ref="lesson:2")
    assert BadgeAward.objects.filter(member=member).count() == 1
    assert Notification.objects.filter(member=member, kind="badge_awarded").count() == 1


def test_the_sweep_catches_up_members_with_points(member):
    act(member)
    without_points = MemberFactory()
    badge = BadgeFactory(action="lesson_completed", count=1)  # created after the fact
    assert badge_sweep.sweep() == 1
    assert awarded(member, badge) and not BadgeAward.objects.filter(member=without_points).exists()
    assert badge_sweep.sweep() == 0


# --- evaluated soon, in batches, with Redis and a worker ---------------------------------


@pytest.fixture
def due_redis(redis_url):
    due = badge_evaluation.due
    due.client.delete(due.key)
    yield due.client
    due.client.delete(due.key)


def test_badges_are_evaluated_by_one_task_for_many_awards(
    member, make_member, due_redis, settings, django_capture_on_commit_callbacks
):
    PointRuleFactory(action="due_action", label="Due", points=5)
    BadgeFactory(slug="due-first", name="Eerste", description="First", action="due_action", count=1)
    others = [make_member() for _ in range(3)]
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with (
        mock.patch.object(tasks.evaluate_due_badges, "apply_async") as apply_async,
        django_capture_on_commit_callbacks(execute=True),
    ):
        badge_evaluation.evaluate_soon(member_ids=[member.pk, others[0].pk])
        badge_evaluation.evaluate_soon(member_ids=[o.pk for o in others[1:]] + [member.pk])
    assert [call.kwargs["countdown"] for call in apply_async.call_args_list] == [badge_evaluation.DUE_EVERY]
    assert {int(m) for m in due_redis.smembers(badge_evaluation.due.key)} == {member.pk, *(o.pk for o in others)}

    for person in [member, *others]:
        record_action(member=person, action="due_action", ref="x")  # eager off: nothing evaluated yet...
    assert not BadgeAward.objects.exists()
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert tasks.evaluate_due_badges() == 4  # ...until the one task runs
    assert tasks.evaluate_due_badges() == 0  # safe to run twice
    assert BadgeAward.objects.count() == 4


def test_due_badges_are_worked_through_in_chunks(member, make_member, due_redis):
    ids = [member.pk, *(make_member().pk for _ in range(4))]
    due_redis.sadd(badge_evaluation.due.key, *ids)
    awarded, more = badge_evaluation.evaluate_due(limit=2)
    assert (awarded, more) == (0, True)
    assert due_redis.scard(badge_evaluation.due.key) == 3
