"""The set-based badge sweep: for each active automatic badge, one query finds every member
who meets its criterion and does not hold it yet (revoked awards included, so a revocation
sticks), and the awards and their notifications are written in batches. The same rules as
``badge_evaluation.evaluate_for`` (per member), which stays for evaluating one member soon
after an award; the sweep is the nightly safety net and ``seed_demo``'s, and at 100,000
members it has to be thousands of members a second, not tens."""

import datetime
import logging
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from gamification.models import ActiveWeek, BadgeAward, BadgeClass, BadgeCriterion, LevelReached, PointsEntry
from gamification.selectors.streaks import streak_from_weeks
from people import services as people_services
from people.models import Member

from .badge_evaluation import COMPLETION_ACTIONS, automatic_badges
from .badges import AWARDED_BODY, AWARDED_TITLE, assertion_paths, new_salt

logger = logging.getLogger(__name__)

BATCH = 500
# What awarding reads of a member: the id and how they want their news (not the whole row).
MEMBER_FIELDS = ("pk", *people_services.RECIPIENT_FIELDS)


def _population(member_ids: Iterable[int] | None) -> QuerySet[Member]:
    """Who a sweep evaluates: active members with points (a ``PointsTotal`` row)."""
    members = Member.objects.filter(is_active=True, points_total__isnull=False)
    if member_ids is not None:
        members = members.filter(pk__in=list(member_ids))
    return members


def _meeting(badge: BadgeClass, members: QuerySet[Member], now: datetime.datetime) -> QuerySet[Member] | None:
    """``members`` who meet ``badge``'s criterion, as one query (None: nobody can; the
    streak criterion is answered by ``_streakers``)."""
    criterion = badge.criterion
    if criterion == BadgeCriterion.ACTION_COUNT:
        if not badge.action:
            return None
        lines = PointsEntry.objects.filter(action=badge.action)
        if badge.period_days:
            lines = lines.filter(occurred_at__gte=now - datetime.timedelta(days=badge.period_days))
        enough = (
            lines.order_by()
            .values("member_id")
            .annotate(n=Count("id"))
            .filter(n__gte=max(badge.count, 1))
            .values("member_id")
        )
        return members.filter(pk__in=enough)
    if criterion == BadgeCriterion.LEVEL:
        if not badge.level:
            return None
        return members.filter(pk__in=LevelReached.objects.filter(number__gte=badge.level).values("member_id"))
    if criterion in COMPLETION_ACTIONS:
        lines = PointsEntry.objects.filter(action=COMPLETION_ACTIONS[criterion])
        if badge.ref:
            lines = lines.filter(ref=badge.ref)
        return members.filter(pk__in=lines.values("member_id"))
    return None


def _longest_streaks(members: QuerySet[Member]) -> dict[int, int]:
    """Every member's longest run of active weeks, from one query over ``ActiveWeek``."""
    today = timezone.localdate()
    rows = (
        ActiveWeek.objects.filter(member__in=members.values("pk"))
        .order_by("member_id", "week")
        .values_list("member_id", "week")
    )
    longest: dict[int, int] = {}
    current, weeks = None, []
    for member_id, week in rows.iterator(chunk_size=5000):
        if member_id != current:
            if current is not None:
                longest[current] = streak_from_weeks(weeks, today)["longest"]
            current, weeks = member_id, []
        weeks.append(week)
    if current is not None:
        longest[current] = streak_from_weeks(weeks, today)["longest"]
    return longest


def _among(members: QuerySet[Member], member_ids: list[int]) -> Iterable[Member]:
    """Those of ``members`` whose id is in ``member_ids`` (sorted), one query per ``BATCH``
    ids: a streak badge's few qualifiers, without loading everyone who lacks it."""
    for start in range(0, len(member_ids), BATCH):
        chunk = member_ids[start : start + BATCH]
        yield from members.filter(pk__in=chunk).only(*MEMBER_FIELDS).order_by("pk")


def _award_batch(badge: BadgeClass, members: list[Member]) -> int:
    """Award ``badge`` to ``members`` (who did not hold it when they were found) and notify
    those it is new for. The (member, badge) constraint decides against a concurrent
    award: a member someone else awarded meanwhile is skipped, never awarded twice."""
    now = timezone.now()
    awards = [BadgeAward(uuid=uuid.uuid4(), badge=badge, member=m, awarded_at=now, salt=new_salt()) for m in members]
    with transaction.atomic():
        BadgeAward.objects.bulk_create(awards, ignore_conflicts=True)
        mine = set(BadgeAward.objects.filter(uuid__in=[a.uuid for a in awards]).values_list("uuid", flat=True))
        new = [a for a in awards if a.uuid in mine]
        people_services.notify_many(
            members=list(zip([a.member for a in new], assertion_paths(new), strict=True)),
            kind="badge_awarded",
            title=AWARDED_TITLE,
            body=AWARDED_BODY,
            params={"badge": badge},
            dedupe_key=f"badge:{badge.pk}",
        )
    return len(new)


def _award_all(badge: BadgeClass, members: Iterable[Member]) -> int:
    awarded = 0
    batch: list[Member] = []
    for member in members:
        batch.append(member)
        if len(batch) == BATCH:
            awarded += _award_batch(badge, batch)
            batch = []
    if batch:
        awarded += _award_batch(badge, batch)
    return awarded


def sweep(*, member_ids: Iterable[int] | None = None) -> int:
    """Award every active automatic badge to every active member with points (or only those
    of ``member_ids``) who meets its criterion and does not hold it (a revoked award
    counts as held). One query per badge finds them, whatever the number of members;
    awards and notifications are written ``BATCH`` at a time.

    Locks nothing: the (member, badge) and (member, dedupe key) constraints make a second
    run, or one racing ``evaluate_for``, award and notify nothing twice. Returns how many
    badges were newly awarded. A badge whose evaluation fails is logged and stops no other."""
    badges = list(automatic_badges())
    if not badges:
        return 0
    population = _population(member_ids)
    now = timezone.now()
    streaks: dict[int, int] | None = None
    awarded = 0
    for badge in badges:
        try:
            without = population.exclude(pk__in=BadgeAward.objects.filter(badge=badge).values("member_id"))
            if badge.criterion == BadgeCriterion.STREAK_WEEKS:
                if streaks is None:
                    streaks = _longest_streaks(population)
                need = max(badge.count, 1)
                awarded += _award_all(badge, _among(without, sorted(m for m, n in streaks.items() if n >= need)))
                continue
            meeting = _meeting(badge, without, now)
            if meeting is not None:
                awarded += _award_all(badge, meeting.only(*MEMBER_FIELDS).order_by("pk").iterator(chunk_size=BATCH * 4))
        except Exception:  # one badge's failure must not stop the others
            logger.exception("Badge sweep failed for badge %s", badge.pk)
    return awarded
