"""Reads of challenges: what a member sees and may enter, what a manager runs, the entries
and the standings. A constant number of queries whatever the number of rows."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from gamification.models import BoardEntry
from people.models import Member

from ..models import Audience, Challenge, ChallengeKind, ChallengeState, Story, StoryStatus, open_at


def audience_q(member: Member) -> Q:
    """Challenges whose audience includes ``member`` (the SQL twin of
    ``policies.in_audience``)."""
    through_departments = Challenge.departments.through.objects.filter(
        challenge_id=OuterRef("pk"), department_id=member.department_id
    )
    through_locations = Challenge.locations.through.objects.filter(
        challenge_id=OuterRef("pk"), location_id=member.location_id
    )
    q = Q(audience=Audience.EVERYONE) | Q(audience=Audience.ROLES, roles__contains=f",{member.role},")
    if member.department_id:
        q |= Q(Exists(through_departments), audience=Audience.DEPARTMENTS)
    if member.location_id:
        q |= Q(Exists(through_locations), audience=Audience.LOCATIONS)
    if member.in_pilot:
        q |= Q(audience=Audience.PILOT)
    return q


def _with_my_entries(qs: QuerySet, member: Member) -> QuerySet:
    return qs.annotate(
        my_entries=Count("stories", filter=Q(stories__creator=member) & ~Q(stories__status=StoryStatus.REJECTED))
    )


def visible_challenges(*, member: Member) -> QuerySet[Challenge]:
    """What a member sees: challenges open, closed or judged for their audience; Masters
    everything; Activators also their department's drafts and scheduled ones."""
    shown = [ChallengeState.OPEN, ChallengeState.CLOSED, ChallengeState.JUDGED]
    qs = Challenge.objects.all()
    if not member.is_master:
        # A scheduled challenge is shown from its opening time, whether or not the task ran.
        due = Q(state=ChallengeState.SCHEDULED, opens_at__lte=timezone.now())
        q = (Q(state__in=shown) | due) & audience_q(member)
        if member.is_activator and member.department_id:
            q |= Q(department_id=member.department_id)
        qs = qs.filter(q)
    return _with_my_entries(qs, member).select_related("badge").order_by("-opens_at", "-id")


def open_challenges(*, member: Member) -> QuerySet[Challenge]:
    """Open challenges for the member's audience, the first to close first."""
    now = timezone.now()
    return _with_my_entries(Challenge.objects.filter(audience_q(member), open_at(now)), member).order_by(
        "closes_at", "id"
    )


def managed_challenges(*, member: Member) -> QuerySet[Challenge]:
    """The challenges a Master (all) or an Activator (their department's) runs, with their
    entry counts."""
    qs = Challenge.objects.all()
    if not member.is_master:
        qs = qs.filter(department_id=member.department_id) if member.department_id else qs.none()
    return qs.annotate(
        entries=Count("stories", distinct=True),
        approved=Count("stories", filter=Q(stories__status=StoryStatus.APPROVED), distinct=True),
    ).order_by("-opens_at", "-id")


def find_challenge(*, pk: int) -> Challenge | None:
    return Challenge.objects.filter(pk=pk).first()


def my_entries(*, member: Member, challenge: Challenge) -> QuerySet[Story]:
    """The member's own entries to the challenge, newest first, with their images."""
    return (
        Story.objects.filter(creator=member, challenge=challenge).order_by("-submitted_at").prefetch_related("images")
    )


def entries(*, challenge: Challenge) -> QuerySet[Story]:
    """Everyone's entries, newest first, for the challenge's managers."""
    return challenge.stories.select_related("creator").order_by("-submitted_at")


def entrant_name(*, display_name: str, email: str) -> str:
    """How standings name an entrant: their display name, else their e-mail address's local part."""
    return display_name or email.split("@")[0]


def standings(*, challenge: Challenge) -> list[dict]:
    """Points earned inside the challenge (its board: approvals, entry points, shares and
    clicks of its stories), ranked; equal scores share a rank. Teams: departments on their
    members' points. Two queries."""
    board = BoardEntry.objects.filter(board=challenge.board)
    if not challenge.is_team and challenge.kind != ChallengeKind.SHARE:
        # Colleagues who shared an entry earn points on the board too, but only those who
        # took part with an approved entry can win; in a share challenge sharing is taking part.
        entrants = Story.objects.filter(challenge=challenge, status=StoryStatus.APPROVED).values("creator_id")
        board = board.filter(member_id__in=entrants)
    if challenge.is_team:
        rows = [
            {"department_id": r["member__department_id"], "name": r["member__department__name"], "score": r["score"]}
            for r in board.filter(member__department__isnull=False)
            .values("member__department_id", "member__department__name")
            .annotate(score=Sum("points"))
            .order_by("-score", "member__department__name")
        ]
    else:
        rows = [
            {
                "member_id": r["member_id"],
                "name": entrant_name(display_name=r["member__display_name"], email=r["member__email"]),
                "score": r["score"],
            }
            for r in board.values("member_id", "member__display_name", "member__email")
            .annotate(score=Sum("points"))
            .order_by("-score", "member_id")
        ]
    rank, previous = 0, None
    for position, row in enumerate(rows, start=1):
        if row["score"] != previous:
            rank, previous = position, row["score"]
        row["rank"] = rank
    return rows
