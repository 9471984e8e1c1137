"""Badges: the engine that awards them, hand awards by Masters, and revocation.

Every award is an Open Badges 2.0 hosted assertion (see ``openbadges``). An award is
unique per member and badge (a unique constraint decides), so evaluating twice, a retried
Celery task or the periodic sweep racing the task after an action all award once, and the
member is notified once (the notification's dedupe key backs that up).
"""

import datetime
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from people import services as people_services
from people.models import Member

from . import levels
from .coalesce import CoalescedSet
from .models import BadgeAward, BadgeClass, BadgeCriterion, LevelReached, PointRule, PointsEntry, PointsTotal
from .services import streak

logger = logging.getLogger(__name__)

# The ledger actions other apps record for completions and wins (refs ``course:<key>``,
# ``path:<key>``, ``challenge:<id>``).
COMPLETION_ACTIONS = {
    BadgeCriterion.COURSE_COMPLETED: "course_completed",
    BadgeCriterion.PATH_COMPLETED: "path_completed",
    BadgeCriterion.CHALLENGE_WON: "challenge_won",
}


def new_salt() -> str:
    return secrets.token_hex(16)


def assertion_path(award: BadgeAward) -> str:
    return reverse("gamification:badge_assertion", args=[award.uuid])


# --- evaluation -----------------------------------------------------------------------


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


def automatic_badges():
    return BadgeClass.objects.filter(active=True).exclude(criterion=BadgeCriterion.MANUAL)


def evaluate_for(member: Member) -> list[BadgeAward]:
    """Award ``member`` every active, automatic badge whose criterion they now meet.

    Reads in a bounded number of queries whatever the number of badges: the badges not
    yet awarded (revoked ones included, so a revocation sticks), one grouped count over
    the ledger, and only when such badges exist: specific refs, highest level, streak.
    Returns the awards that are new. Safe to run twice or concurrently (see ``award``).
    """
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


def sweep() -> int:
    """Evaluate every active member who has points (the periodic safety net for awards a
    lost task missed, and for badges a Master created after the fact). Returns how many
    badges were newly awarded."""
    if not automatic_badges().exists():
        return 0
    member_ids = PointsTotal.objects.values("member_id")
    members = Member.objects.filter(pk__in=member_ids, is_active=True).order_by("pk")
    awarded = 0
    for member in members.iterator(chunk_size=500):
        try:
            awarded += len(evaluate_for(member))
        except Exception:  # one member's failure must not stop the sweep for everyone
            logger.exception("Badge evaluation failed for member %s", member.pk)
    return awarded


# --- evaluating after awards -------------------------------------------------------------

DUE_EVERY = 1  # second: one evaluation run for all members who earned points meanwhile


def _schedule_due_run(countdown: float) -> None:
    from . import tasks

    tasks.evaluate_due_badges.apply_async(countdown=countdown)


due = CoalescedSet("gamification:badges:due", DUE_EVERY, _schedule_due_run)


def evaluate_soon(member_ids: Iterable[int]) -> None:
    """Have these members' badges evaluated after their awards. With Redis and a worker, they
    join the due set that one task per second works through (a Celery message per award
    would cost more than the award itself); without them, the task runs at once."""
    from . import tasks

    member_ids = sorted(set(member_ids))
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.REDIS_URL:
        for member_id in member_ids:
            try:
                tasks.evaluate_badges.delay(member_id)
            except Exception:  # the periodic sweep catches up
                logger.warning("Could not evaluate badges for member %s", member_id, exc_info=True)
        return
    due.add(member_ids)


def evaluate_due(*, limit: int = 1000) -> tuple[int, bool]:
    """Evaluate the members waiting in the due set (at most ``limit``); returns the number
    of new awards and whether members are left. A member taken from the set by a run that
    then dies is caught by the periodic sweep; evaluating twice awards nothing twice."""
    member_ids = [int(m) for m in due.take(limit)]
    awarded = 0
    for member in Member.objects.filter(pk__in=member_ids, is_active=True).order_by("pk"):
        try:
            awarded += len(evaluate_for(member))
        except Exception:  # one member's failure must not stop the others
            logger.exception("Badge evaluation failed for member %s", member.pk)
    return awarded, bool(due.waiting())


# --- awarding and revoking ------------------------------------------------------------


def award(*, member: Member, badge: BadgeClass, reason: str = "", by: Member | None = None) -> tuple[BadgeAward, bool]:
    """Give ``badge`` to ``member`` once; returns ``(award, created)``.

    The (member, badge) unique constraint decides between concurrent twins: the loser
    gets the winner's award back with ``created`` False. Only the creator notifies, and
    the notification's dedupe key makes a second announcement impossible anyway. A
    revoked award stays revoked (``created`` False).
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                award_obj, created = BadgeAward.objects.get_or_create(
                    member=member,
                    badge=badge,
                    defaults={"salt": new_salt(), "reason": reason.strip(), "awarded_by": by},
                )
        except IntegrityError:
            award_obj, created = BadgeAward.objects.get(member=member, badge=badge), False
        if created:
            _notify_awarded(award_obj)
    return award_obj, created


def _notify_awarded(award_obj: BadgeAward) -> None:
    people_services.notify(
        member=award_obj.member,
        kind="badge_awarded",
        title=_("New badge: %(badge)s"),
        body=_("You earned the badge “%(badge)s”. Download it or add it to your LinkedIn profile."),
        # The badge renders its name in the member's language when the text is rendered.
        params={"badge": award_obj.badge},
        url=assertion_path(award_obj),
        dedupe_key=f"badge:{award_obj.badge_id}",
    )


def award_by_hand(*, member: Member, badge: BadgeClass, reason: str, by: Member) -> tuple[BadgeAward, bool]:
    """A Master gives a badge by hand, with a reason (required; shown on the assertion).

    Any badge may be given by hand, not only "manual" ones. A revoked award is
    reinstated (``created`` True: the member holds it again); one the member holds
    already is left as it is (``created`` False). Locks the award row to reinstate.
    """
    if not by.has_perm("gamification.add_badgeaward"):
        raise PermissionDenied("Only Social Masters award badges by hand.")
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A badge awarded by hand needs a reason.")
    with transaction.atomic():
        award_obj, created = award(member=member, badge=badge, reason=reason, by=by)
        if created:
            return award_obj, True
        award_obj = BadgeAward.objects.select_for_update().get(pk=award_obj.pk)
        if award_obj.revoked_at is None:
            return award_obj, False
        award_obj.revoked_at = None
        award_obj.revocation_reason = ""
        award_obj.reason = reason
        award_obj.awarded_by = by
        award_obj.awarded_at = timezone.now()
        award_obj.save(update_fields=["revoked_at", "revocation_reason", "reason", "awarded_by", "awarded_at"])
    return award_obj, True


def revoke(*, award: BadgeAward, reason: str, by: Member) -> BadgeAward:
    """Revoke an award: its hosted assertion answers 410 Gone with the reason from now on.
    Revoking a revoked award changes nothing. Locks the award row."""
    if not by.has_perm("gamification.change_badgeaward"):
        raise PermissionDenied("Only Social Masters revoke badges.")
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A revocation needs a reason.")
    with transaction.atomic():
        locked = BadgeAward.objects.select_for_update().get(pk=award.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revocation_reason = reason
            locked.save(update_fields=["revoked_at", "revocation_reason"])
    award.revoked_at, award.revocation_reason = locked.revoked_at, locked.revocation_reason
    return award


# --- what a member sees ---------------------------------------------------------------


@dataclass
class BadgeRow:
    badge: BadgeClass
    award: BadgeAward | None
    how_to_earn: str
    linkedin_url: str = ""

    @property
    def earned(self) -> bool:
        return self.award is not None and self.award.revoked_at is None

    @property
    def awarded_at(self) -> datetime.datetime | None:
        return self.award.awarded_at if self.earned else None

    @property
    def revoked(self) -> bool:
        return self.award is not None and self.award.revoked_at is not None


def badge_overview(*, member: Member) -> list[BadgeRow]:
    """Every active badge, plus retired ones the member holds, with the member's award
    (earned ones first, then by name). A constant number of queries: the member's
    awards, the badges, the action labels (and the cached levels)."""
    mine = {a.badge_id: a for a in BadgeAward.objects.filter(member=member)}
    held = [badge_id for badge_id, a in mine.items() if a.revoked_at is None]
    classes = BadgeClass.objects.filter(Q(active=True) | Q(pk__in=held)).order_by("name", "pk")
    labels = action_labels()
    rows = []
    for badge in classes:
        award_obj = mine.get(badge.pk)
        if award_obj is not None:
            award_obj.badge = badge  # spare a query per row
        rows.append(BadgeRow(badge=badge, award=award_obj, how_to_earn=how_to_earn(badge, labels)))
    rows.sort(key=lambda row: not row.earned)
    return rows


# --- how to earn a badge (pages, API and the Open Badges criteria) ----------------------


def action_labels() -> dict[str, str]:
    """Action → the label members know from their points history (one query)."""
    return {rule.action: rule.display_label for rule in PointRule.objects.all()}


def how_to_earn(badge: BadgeClass, labels: dict[str, str] | None = None) -> str:
    """One sentence, in the active language, saying what earns ``badge``."""
    criterion = badge.criterion
    if criterion == BadgeCriterion.ACTION_COUNT:
        labels = action_labels() if labels is None else labels
        action = labels.get(badge.action, badge.action)
        count = max(badge.count, 1)
        if badge.period_days:
            text = ngettext(
                "“%(action)s” at least once within %(days)s days.",
                "“%(action)s” at least %(count)s times within %(days)s days.",
                count,
            )
        else:
            text = ngettext("“%(action)s” at least once.", "“%(action)s” at least %(count)s times.", count)
        return text % {"action": action, "count": count, "days": badge.period_days}
    if criterion == BadgeCriterion.LEVEL:
        names = {number: (name, name_en) for number, name, name_en, _t in levels.all_levels()}
        if badge.level in names:
            name, name_en = names[badge.level]
            display = name_en if (get_language() or "").startswith("en") and name_en else name
            return gettext("Reach level %(number)s (%(name)s).") % {"number": badge.level, "name": display}
        return gettext("Reach level %(number)s.") % {"number": badge.level}
    if criterion == BadgeCriterion.COURSE_COMPLETED:
        return gettext("Complete a specific course.") if badge.ref else gettext("Complete any course.")
    if criterion == BadgeCriterion.PATH_COMPLETED:
        return gettext("Complete a specific learning path.") if badge.ref else gettext("Complete any learning path.")
    if criterion == BadgeCriterion.CHALLENGE_WON:
        return gettext("Win a specific challenge.") if badge.ref else gettext("Win a challenge.")
    if criterion == BadgeCriterion.STREAK_WEEKS:
        count = max(badge.count, 1)
        return ngettext("Earn points in a week.", "Earn points %(count)s weeks in a row.", count) % {"count": count}
    return gettext("Awarded by hand by a Social Master.")
