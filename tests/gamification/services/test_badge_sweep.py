"""The set-based badge sweep against the per-member evaluation: on random ledgers (every
criterion, periods, specific refs, levels, streaks, revoked and earlier awards, inactive
members and members without points) it awards exactly what ``evaluate_for`` member by
member awarded, notifies the same members once, and a second run changes nothing."""

import datetime
import random

import pytest
from django.db import transaction
from django.utils import timezone

from gamification.models import BadgeAward, BadgeCriterion, Level, PointRule
from gamification.services import badge_evaluation, badge_sweep
from gamification.services.badges import award
from people.models import Notification
from tests.factories import MemberFactory
from tests.gamification.factories import BadgeFactory
from tests.gamification.helpers import act

pytestmark = pytest.mark.django_db

ACTIONS = ["lesson_completed", "story_shared", "course_completed", "path_completed", "challenge_won"]


class _Undo(Exception):
    pass


def _state() -> tuple[set, set]:
    awards = set(BadgeAward.objects.values_list("member_id", "badge_id", "revoked_at"))
    news = set(Notification.objects.filter(kind="badge_awarded").values_list("member_id", "dedupe_key", "url"))
    return awards, {(m, k) for m, k, _url in news}


def random_programme(seed: int):
    rng = random.Random(seed)
    for action in ACTIONS:
        PointRule.objects.update_or_create(
            action=action,
            defaults={
                "label": action,
                "points": rng.choice([5, 20, 60]),
                "daily_cap": None,
                "cooldown_seconds": 0,
                "active": True,
            },
        )
    if not Level.objects.exists():
        for number, threshold in ((1, 0), (2, 50), (3, 200)):
            Level.objects.create(number=number, name=f"L{number}", threshold=threshold)
    levels = list(Level.objects.order_by("number").values_list("number", flat=True))
    now = timezone.now()
    members = [MemberFactory() for _ in range(30)]
    for member in members[:26]:
        for _ in range(rng.randint(1, 14)):
            action = rng.choice(ACTIONS)
            ref = f"{action.split('_')[0]}:{rng.choice(['k1', 'k2', 'k3'])}" if action != "lesson_completed" else None
            when = now - datetime.timedelta(days=rng.randint(0, 70), hours=rng.randint(0, 23))
            try:
                act(member, action, ref=f"{ref}:{rng.random()}" if ref is None else ref, occurred_at=when)
            except AssertionError:
                pass  # the same ref twice: a duplicate, as in life
    for member in rng.sample(members, 4):
        member.is_active = False
        member.save(update_fields=["is_active"])
    badges = [
        BadgeFactory(action="lesson_completed", count=rng.randint(1, 4)),
        BadgeFactory(action="story_shared", count=2, period_days=30),
        BadgeFactory(criterion=BadgeCriterion.LEVEL, action="", level=levels[min(1, len(levels) - 1)]),
        BadgeFactory(criterion=BadgeCriterion.COURSE_COMPLETED, action=""),
        BadgeFactory(criterion=BadgeCriterion.COURSE_COMPLETED, action="", ref="course:k1"),
        BadgeFactory(criterion=BadgeCriterion.PATH_COMPLETED, action=""),
        BadgeFactory(criterion=BadgeCriterion.CHALLENGE_WON, action="", ref="challenge:k2"),
        BadgeFactory(criterion=BadgeCriterion.STREAK_WEEKS, action="", count=2),
        BadgeFactory(criterion=BadgeCriterion.STREAK_WEEKS, action="", count=4),
        BadgeFactory(criterion=BadgeCriterion.MANUAL, action=""),
        BadgeFactory(action="lesson_completed", count=1, active=False),
    ]
    # Earlier awards, one revoked: neither is given again.
    award(member=members[0], badge=badges[0])
    revoked, _created = award(member=members[1], badge=badges[3])
    BadgeAward.objects.filter(pk=revoked.pk).update(revoked_at=now)
    return badges


@pytest.mark.clock
def test_the_set_based_sweep_awards_exactly_what_the_per_member_evaluation_awards(clock_moment):
    random_programme(clock_moment.seed)  # a programme of its own at each of the six moments
    before = _state()
    try:
        with transaction.atomic():
            per_member = badge_evaluation.sweep_each()
            expected = _state()
            raise _Undo
    except _Undo:
        pass
    assert _state() == before
    assert badge_sweep.sweep() == per_member
    assert _state() == expected
    assert per_member > 0
    # Run twice: nothing changes.
    assert badge_sweep.sweep() == 0
    assert _state() == expected


def test_the_sweep_costs_the_same_queries_for_more_members(django_assert_max_num_queries):
    """Queries grow with the badges (and one batch per ``BATCH`` awards), not per member."""
    random_programme(7)
    BadgeAward.objects.all().delete()
    with django_assert_max_num_queries(80) as few:
        badge_sweep.sweep()
    for _ in range(25):
        member = MemberFactory()
        act(member, "lesson_completed", times=4)
        act(member, "course_completed", ref="course:k1")
    BadgeAward.objects.all().delete()
    Notification.objects.filter(kind="badge_awarded").delete()
    with django_assert_max_num_queries(len(few.captured_queries)):
        badge_sweep.sweep()
