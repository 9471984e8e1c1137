"""The prize formula in SQL: who is eligible for a prize period and what they scored.

A member's score is the number of their ``PointsEntry`` lines per action in
``[starts_at, ends_at)`` times the action's weight in the published formula, plus
``nomination_weight`` for every peer nomination they received. This is the source of the
``prize-<id>`` leaderboard (``leaderboards.sql.SqlBackend``) and of the standings
(``selectors.prizes``)."""

from django.db.models import Case, Count, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from gamification.errors import UnknownPrize
from gamification.models import Nomination, PointsEntry, PrizePeriod
from people.models import LeaderboardVisibility, Member


def weights(period: PrizePeriod) -> dict[str, int]:
    """The formula's actions and their (non-zero) weights."""
    formula = period.formula if isinstance(period.formula, dict) else {}
    return {str(action): int(weight) for action, weight in formula.items() if int(weight) != 0}


def _department_ids(period: PrizePeriod) -> list[int]:
    return [d.pk for d in period.departments.all()]


def eligible_members(period: PrizePeriod) -> QuerySet[Member]:
    """Active members in the eligible departments (none selected: everyone)."""
    members = Member.objects.filter(is_active=True)
    departments = _department_ids(period)
    if departments:
        members = members.filter(department_id__in=departments)
    return members


def is_eligible(period: PrizePeriod, member: Member) -> bool:
    departments = _department_ids(period)
    return member.is_active and (not departments or member.department_id in departments)


def nominees(period: PrizePeriod) -> QuerySet[Member]:
    """Whom colleagues may nominate: eligible members, less those who chose to be hidden from
    leaderboards (a nomination list would name them to everyone)."""
    return eligible_members(period).exclude(leaderboard_visibility=LeaderboardVisibility.HIDDEN)


def can_be_nominated(period: PrizePeriod, member: Member) -> bool:
    return is_eligible(period, member) and member.leaderboard_visibility != LeaderboardVisibility.HIDDEN


def get_period(prize_id) -> PrizePeriod:
    """The prize period (without its fixed standings); raises ``UnknownPrize``."""
    try:
        return PrizePeriod.objects.defer("standings").get(pk=prize_id)
    except (PrizePeriod.DoesNotExist, ValueError, TypeError):
        raise UnknownPrize() from None


def scored(period: PrizePeriod, *, include_hidden: bool) -> QuerySet[Member]:
    """Eligible members with a positive score, annotated with ``member_id``, ``points`` and
    ``prize_nominations``. One row per member: the ledger and the nominations are summed in
    correlated subqueries, so neither multiplies the other's rows."""
    formula = weights(period)
    counting = PointsEntry.objects.filter(
        member=OuterRef("pk"),
        action__in=list(formula),
        occurred_at__gte=period.starts_at,
        occurred_at__lt=period.ends_at,
    ).order_by()
    if formula:
        weighted = Sum(
            Case(
                *[When(action=action, then=Value(weight)) for action, weight in formula.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        activity = Coalesce(
            Subquery(counting.values("member").annotate(s=weighted).values("s")[:1], output_field=IntegerField()),
            Value(0),
            output_field=IntegerField(),
        )
    else:
        activity = Value(0, output_field=IntegerField())
    received = Nomination.objects.filter(period_id=period.pk, nominee=OuterRef("pk")).order_by()
    nominations = Coalesce(
        Subquery(received.values("nominee").annotate(c=Count("pk")).values("c")[:1], output_field=IntegerField()),
        Value(0),
        output_field=IntegerField(),
    )
    members = eligible_members(period).order_by()
    if not include_hidden:
        members = members.exclude(leaderboard_visibility=LeaderboardVisibility.HIDDEN)
    qs = members.annotate(member_id=F("pk"), prize_activity=activity, prize_nominations=nominations)
    if period.nomination_weight:
        qs = qs.annotate(points=F("prize_activity") + F("prize_nominations") * Value(period.nomination_weight))
    else:
        qs = qs.annotate(points=F("prize_activity"))
    return qs.filter(points__gt=0)


def score_queryset(*, prize_id: int, include_hidden: bool) -> QuerySet:
    """(member_id, points) of a prize period by its formula: the source of the
    ``prize-<id>`` leaderboard (``SqlBackend`` wraps its SQL in window functions).
    An unknown id raises ``UnknownPrize`` (a 404)."""
    period = get_period(prize_id)
    return scored(period, include_hidden=include_hidden).values("member_id", "points")
