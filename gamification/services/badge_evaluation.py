"""When a badge is earned: the criteria engine that reads what the ledger says about a member
and awards every automatic badge they now meet, run soon after their awards (coalesced) and
by a periodic sweep (the safety net for lost tasks and for badges created after the fact)."""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from core.queue import enqueue
from gamification.coalesce import CoalescedSet
from gamification.models import BadgeAward, BadgeClass, BadgeCriterion, LevelReached, PointsEntry, PointsTotal
from gamification.selectors.streaks import streak
from people.models import Member

from .badges import award

logger = logging.getLogger(__name__)

# The ledger actions other apps record for completions and wins (refs ``course:<key>``,
# ``path:<key>``, ``challenge:<id>``).
COMPLETION_ACTIONS = {
    BadgeCriterion.COURSE_COMPLETED: "course_completed",
    BadgeCriterion.PATH_COMPLETED: "path_completed",
    BadgeCriterion.CHALLENGE_WON: "challenge_won",
}

DUE_EVERY = 1  # second: one evaluation run for all members who earned points meanwhile


@dataclass
class _Facts:
    """What the ledger says about one member, loaded in a few queries for all badges."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    refs: set[tuple[str, str]] = field(default_factory=set)
    level: int = 0
    longest_streak: int = 0

    @classmethod
    def load(cls, member: Member, badges: list[BadgeClass]) -> "_Facts":
        facts = cls()
        now = timezone.now()
        actions: set[str] = set()
        periods: set[int] = set()
        wanted_refs: set[tuple[str, str]] = set()
        for badge in badges:
            if badge.criterion == BadgeCriterion.ACTION_COUNT and badge.action:
                actions.add(badge.action)
                if badge.period_days:
                    periods.add(badge.period_days)
            elif badge.criterion in COMPLETION_ACTIONS:
                action = COMPLETION_ACTIONS[badge.criterion]
                if badge.ref:
                    wanted_refs.add((action, badge.ref))
                else:
                    actions.add(action)
        if actions:
            annotations = {"n": Count("id")}
            for days in periods:
                since = now - datetime.timedelta(days=days)
                annotations[f"n_{days}"] = Count("id", filter=Q(occurred_at__gte=since))
            rows = (
                PointsEntry.objects.filter(member=member, action__in=actions)
                .values("action")
                .annotate(**annotations)
                .order_by()
            )
            facts.counts = {row["action"]: row for row in rows}
        if wanted_refs:
            condition = Q()
            for action, ref in wanted_refs:
                condition |= Q(action=action, ref=ref)
            facts.refs = set(PointsEntry.objects.filter(condition, member=member).values_list("action", "ref"))
        if any(b.criterion == BadgeCriterion.LEVEL for b in badges):
            facts.level = LevelReached.objects.filter(member=member).aggregate(m=Max("number"))["m"] or 0
        if any(b.criterion == BadgeCriterion.STREAK_WEEKS for b in badges):
            facts.longest_streak = streak(member)["longest"]
        return facts

    def count(self, action: str, period_days: int | None = None) -> int:
        row = self.counts.get(action)
        if row is None:
            return 0
        return row[f"n_{period_days}"] if period_days else row["n"]

    def meets(self, badge: BadgeClass) -> bool:
        criterion = badge.criterion
        if criterion == BadgeCriterion.ACTION_COUNT:
            return bool(badge.action) and self.count(badge.action, badge.period_days) >= max(badge.count, 1)
        if criterion == BadgeCriterion.LEVEL:
            return bool(badge.level) and self.level >= badge.level
        if criterion in COMPLETION_ACTIONS:
            action = COMPLETION_ACTIONS[criterion]
            return (action, badge.ref) in self.refs if badge.ref else self.count(action) > 0
        if criterion == BadgeCriterion.STREAK_WEEKS:
            return self.longest_streak >= max(badge.count, 1)
        return False  # MANUAL: only by hand


def automatic_badges() -> QuerySet[BadgeClass]:
    return BadgeClass.objects.filter(active=True).exclude(criterion=BadgeCriterion.MANUAL)


def evaluate_for(*, member: Member) -> list[BadgeAward]:
    """Award ``member`` every active, automatic badge whose criterion they now meet.

    Reads in a bounded number of queries whatever the number of badges: the badges not
    yet awarded (revoked ones included, so a revocation sticks), one grouped count over
    the ledger, and only when such badges exist: specific refs, highest level, streak.
    Locks nothing (see ``badges.award``): safe to run twice or concurrently. Returns the
    awards that are new."""
    candidates = list(automatic_badges().exclude(awards__member=member))
    if not candidates:
        return []
    facts = _Facts.load(member, candidates)
    new_awards = []
    for badge in candidates:
        if facts.meets(badge):
            award_obj, created = award(member=member, badge=badge)
            if created:
                new_awards.append(award_obj)
    return new_awards


def _evaluate_each(members: QuerySet[Member]) -> int:
    awarded = 0
    for member in members:
        try:
            awarded += len(evaluate_for(member=member))
        except Exception:  # one member's failure must not stop the others
            logger.exception("Badge evaluation failed for member %s", member.pk)
    return awarded


def sweep_each() -> int:
    """Evaluate every active member who has points one at a time with ``evaluate_for``: what
    ``badge_sweep.sweep`` (set-based, the one the nightly task and ``seed_demo`` run) is
    compared with in the tests and the benchmark. Locks nothing (see ``evaluate_for``).
    Returns how many badges were newly awarded; one member's failure is logged and stops
    no one else."""
    if not automatic_badges().exists():
        return 0
    member_ids = PointsTotal.objects.values("member_id")
    members = Member.objects.filter(pk__in=member_ids, is_active=True).order_by("pk")
    return _evaluate_each(members.iterator(chunk_size=500))


# --- evaluating soon after awards --------------------------------------------------------------


def _schedule_due_run(countdown: float) -> None:
    enqueue("gamification.tasks.evaluate_due_badges", countdown=countdown)


due = CoalescedSet("gamification:badges:due", DUE_EVERY, _schedule_due_run)


def evaluate_soon(*, member_ids: Iterable[int]) -> None:
    """Have these members' badges evaluated after their awards. With Redis and a worker, they
    join the due set that one task per second works through (a Celery message per award
    would cost more than the award itself); without them, the task runs for each member
    after the current transaction (at once outside one). Locks nothing, returns nothing; a
    task that cannot be sent is logged, not raised: the periodic sweep catches up."""
    member_ids = sorted(set(member_ids))
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.REDIS_URL:
        for member_id in member_ids:
            enqueue("gamification.tasks.evaluate_badges", member_id, robust=True)
        return
    due.add(member_ids)


def evaluate_due(*, limit: int = 1000) -> tuple[int, bool]:
    """Evaluate the members waiting in the due set (at most ``limit``); returns the number
    of new awards and whether members are left. Locks nothing (see ``evaluate_for``). A
    member taken from the set by a run that then dies is caught by the periodic sweep;
    evaluating twice awards nothing twice."""
    member_ids = [int(m) for m in due.take(limit)]
    awarded = _evaluate_each(Member.objects.filter(pk__in=member_ids, is_active=True).order_by("pk"))
    return awarded, bool(due.waiting())
