"""``record_action``: once per ref, the rule's guards, levels and active weeks, concurrency;
and a Master's correction."""

import datetime
import threading

import pytest
from django.db.models import Sum
from django.utils import timezone

from core.errors import InvalidInput, NotAllowed
from gamification.models import (
    ActiveWeek,
    Level,
    LevelReached,
    PointsEntry,
    PointsTotal,
)
from gamification.selectors.streaks import streak
from gamification.services import points
from gamification.services.points import Skipped, record_action
from learning import services as learning
from people.models import Notification, Role
from tests.concurrency import run_at_once
from tests.factories import (
    MemberFactory,
    correct_answers,
    lessons_of,
    make_course,
    make_path,
)
from tests.gamification.factories import (
    PointRuleFactory,
)
from tests.gamification.helpers import total

pytestmark = pytest.mark.django_db


def test_the_same_action_and_ref_is_recorded_once(member, rule):
    first = record_action(member=member, action="test_action", ref="thing:1")
    second = record_action(member=member, action="test_action", ref="thing:1")
    assert first.created and not second.created
    assert second.skipped == Skipped.DUPLICATE and second.entry.pk == first.entry.pk
    assert PointsEntry.objects.filter(member=member).count() == 1
    assert total(member) == 10


def test_unknown_inactive_and_out_of_window_actions_award_nothing(member, rule):
    assert record_action(member=member, action="never_configured", ref="x").skipped == Skipped.NO_RULE
    rule.active = False
    rule.save()
    assert record_action(member=member, action="test_action", ref="x").skipped == Skipped.INACTIVE
    rule.active = True
    rule.valid_until = timezone.now() - datetime.timedelta(days=1)
    rule.save()
    assert record_action(member=member, action="test_action", ref="x").skipped == Skipped.OUTSIDE_WINDOW
    assert not PointsEntry.objects.exists()


@pytest.mark.clock
def test_daily_cap(member, rule):
    rule.daily_cap = 3
    rule.save()
    results = [record_action(member=member, action="test_action", ref=f"click:{i}") for i in range(5)]
    assert [r.created for r in results] == [True, True, True, False, False]
    assert results[-1].skipped == Skipped.DAILY_CAP
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert record_action(member=member, action="test_action", ref="click:next-day", occurred_at=tomorrow).created


@pytest.mark.clock
def test_cooldown(member, rule):
    rule.cooldown_seconds = 60
    rule.save()
    now = timezone.now()
    assert record_action(member=member, action="test_action", ref="a", occurred_at=now).created
    assert record_action(
        member=member, action="test_action", ref="b", occurred_at=now + datetime.timedelta(seconds=30)
    ).skipped == (Skipped.COOLDOWN)
    assert record_action(
        member=member, action="test_action", ref="c", occurred_at=now + datetime.timedelta(seconds=61)
    ).created


def test_corrections_are_new_negative_entries_with_a_reason(member, rule, make_member):
    master = make_member(role=Role.MASTER)
    record_action(member=member, action="test_action", ref="a")
    with pytest.raises(InvalidInput):
        points.correct_points(member=member, points=-5, reason="  ", by=master)
    entry = points.correct_points(member=member, points=-5, reason="Shared twice by mistake", by=master)
    assert entry.points == -5 and entry.created_by == master
    assert PointsEntry.objects.filter(member=member).count() == 2
    assert total(member) == 5 == PointsEntry.objects.filter(member=member).aggregate(s=Sum("points"))["s"]


def test_only_masters_correct_points_and_never_by_zero(member, master, editor):
    with pytest.raises(NotAllowed):
        points.correct_points(member=member, points=50, reason="Free points", by=editor)
    with pytest.raises(NotAllowed):
        points.correct_points(member=member, points=50, reason="Free points for me", by=member)
    with pytest.raises(InvalidInput):
        points.correct_points(member=member, points=0, reason="Nothing", by=master)
    assert not PointsEntry.objects.filter(member=member).exists()


def test_record_action_takes_keywords_and_refuses_a_board_that_is_not_a_board_name(member, rule):
    with pytest.raises(TypeError):
        record_action(member, "test_action", "a")  # positional: refused
    with pytest.raises(InvalidInput):
        record_action(member=member, action="test_action", ref="a", boards=["Challenge 7"])
    assert not PointsEntry.objects.exists()
    assert record_action(member=member, action="test_action", ref="a", boards=["challenge-7"]).created


def test_reaching_a_level_notifies_once(member, master):
    PointRuleFactory(action="big", label="Big", points=160)
    record_action(member=member, action="big", ref="1")  # 0 → 160: passes level 2 and 3 at once
    assert set(LevelReached.objects.filter(member=member).values_list("number", flat=True)) == {2, 3}
    level_notes = Notification.objects.filter(member=member, kind="level_reached")
    assert level_notes.count() == 1
    assert "3" in level_notes.get().body
    points.correct_points(member=member, points=-160, reason="test", by=master)
    record_action(member=member, action="big", ref="2")  # back over the same thresholds: no new notification
    assert Notification.objects.filter(member=member, kind="level_reached").count() == 1


@pytest.mark.clock
def test_active_weeks_follow_points(member, rule):
    now = timezone.now()
    moments = [now, now - datetime.timedelta(weeks=1), now - datetime.timedelta(weeks=1, hours=1)]
    for ref, moment in zip("abc", moments, strict=True):
        record_action(member=member, action="test_action", ref=ref, occurred_at=moment)
    # Weeks are Amsterdam weeks: an hour before "a week ago" is two weeks ago early on a Monday.
    weeks = {
        timezone.localdate(moment) - datetime.timedelta(days=timezone.localdate(moment).weekday()) for moment in moments
    }
    assert ActiveWeek.objects.filter(member=member).count() == len(weeks)
    assert streak(member)["current"] == len(weeks)


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


def test_a_saved_rule_applies_at_once_in_this_process(member):
    rule = PointRuleFactory(action="tuned", label="Tuned", points=5)
    assert record_action(member=member, action="tuned", ref="1").points == 5
    rule.points = 9
    rule.save()
    assert record_action(member=member, action="tuned", ref="2").points == 9
    rule.delete()
    assert record_action(member=member, action="tuned", ref="3").skipped == Skipped.NO_RULE


def test_rules_are_read_once_per_window(member, django_assert_num_queries):
    PointRuleFactory(action="cached", label="Cached", points=1)
    points.rule_for("cached")
    with django_assert_num_queries(0):
        for _ in range(5):
            assert points.rule_for("cached").points == 1


# --- concurrency on PostgreSQL ----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_award_once(require_postgres):
    member = MemberFactory()
    PointRuleFactory(action="share", label="Share", points=5)
    assert run_at_once([lambda: record_action(member=member, action="share", ref="story:1")] * 12) == []
    assert PointsEntry.objects.filter(member=member).count() == 1
    assert PointsTotal.objects.get(member=member).total == 5


@pytest.mark.clock
@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_respect_the_daily_cap(require_postgres):
    member = MemberFactory()
    PointRuleFactory(action="click", label="Click", points=1, daily_cap=3)
    counter = iter(range(100))
    lock = threading.Lock()

    def click():
        with lock:
            n = next(counter)
        record_action(member=member, action="click", ref=f"visitor:{n}")

    assert run_at_once([click] * 10) == []
    assert PointsEntry.objects.filter(member=member).count() == 3
    assert PointsTotal.objects.get(member=member).total == 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_to_one_member_add_up(require_postgres):
    """Different refs at once: the total row serialises them, nothing is lost."""
    # An earlier transactional test may have flushed the levels the data migration made.
    Level.objects.get_or_create(number=1, defaults={"name": "Starter", "threshold": 0})
    Level.objects.get_or_create(number=2, defaults={"name": "Verkenner", "threshold": 50})
    member = MemberFactory()
    PointRuleFactory(action="burst", label="Burst", points=3)
    counter = iter(range(100))
    lock = threading.Lock()

    def award():
        with lock:
            n = next(counter)
        record_action(member=member, action="burst", ref=f"ref:{n}")

    assert run_at_once([award] * 20) == []
    assert PointsEntry.objects.filter(member=member).count() == 20
    assert PointsTotal.objects.get(member=member).total == 60
    # Exactly one of the twenty crossed 50 points, and only it announced level 2.
    assert list(LevelReached.objects.filter(member=member).values_list("number", flat=True)) == [2]
    assert Notification.objects.filter(member=member, kind="level_reached").count() == 1
