"""Small helpers gamification's tests share: award, count, and set up prize periods."""

import datetime
import itertools

from django.utils import timezone

from gamification.models import BadgeAward, PointsTotal, PrizePeriod
from gamification.services.points import record_action
from tests.factories import MemberFactory
from tests.gamification.factories import PrizePeriodFactory

_refs = itertools.count(1)

PRIZE_RULES = {
    "story_approved": 10,
    "story_shared": 5,
    "share_click": 1,
    "session_attended": 5,
    "lesson_completed": 10,
    "quiz_passed": 5,
    "prize_won": 100,
}
FORMULA = {"story_approved": 10, "story_shared": 5, "share_click": 1, "session_attended": 5, "lesson_completed": 2}


def now():
    return timezone.now()


def total(member) -> int:
    return PointsTotal.objects.get(member=member).total


def act(member, action="lesson_completed", ref=None, occurred_at=None, *, times=1):
    """``record_action`` that must award (``times`` times, each with a new ref)."""
    for _ in range(times):
        result = record_action(
            member=member, action=action, ref=ref or f"{action}:{next(_refs)}", occurred_at=occurred_at
        )
        assert result.created, result.skipped
    return result


def awarded(member, badge) -> bool:
    return BadgeAward.objects.filter(member=member, badge=badge, revoked_at__isnull=True).exists()


def make_period(**kwargs) -> PrizePeriod:
    """An open prize period (30 days ago to 30 days from now) scored by ``FORMULA``."""
    return PrizePeriodFactory(**{"formula": dict(FORMULA), **kwargs})


def scores(period, include_hidden=True) -> dict[int, int]:
    from gamification.scoring import score_queryset

    return {
        row["member_id"]: row["points"] for row in score_queryset(prize_id=period.pk, include_hidden=include_hidden)
    }


def scored_members(period, points_list):
    """A member per number in ``points_list``, with that many share clicks in the period,
    each an hour after the one before (so the tie-break never has to decide)."""
    members = []
    for index, points in enumerate(points_list):
        member = MemberFactory()
        when = period.starts_at + datetime.timedelta(hours=index + 1)
        act(member, "share_click", occurred_at=when, times=points)
        members.append(member)
    return members


def judged(winners_count):
    """A period closed without a jury, with ``winners_count`` winners."""
    from gamification.services.prizes import close_period

    period = make_period(title=f"{winners_count} winners", winners_count=winners_count)
    scored_members(period, list(range(winners_count, 0, -1)))
    return close_period(period=period)
