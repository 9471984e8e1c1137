"""Read queries for the challenge pages, the API and reports: a constant number of queries
per request whatever the number of rows."""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from people.models import Member

from .models import (
    Audience,
    Challenge,
    ChallengeState,
    Share,
    Story,
    StoryImage,
    StoryStatus,
    SuggestionDismissal,
)


def audience_q(member: Member) -> Q:
    """Challenges whose audience includes ``member``."""
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
        q = Q(state__in=shown) & audience_q(member)
        if member.is_activator and member.department_id:
            q |= Q(department_id=member.department_id)
        qs = qs.filter(q)
    return _with_my_entries(qs, member).select_related("badge").order_by("-opens_at", "-id")


def open_challenges(*, member: Member) -> QuerySet[Challenge]:
    now = timezone.now()
    return _with_my_entries(
        Challenge.objects.filter(audience_q(member), state=ChallengeState.OPEN, closes_at__gt=now), member
    ).order_by("closes_at", "id")


def managed_challenges(*, member: Member) -> QuerySet[Challenge]:
    qs = Challenge.objects.all()
    if not member.is_master:
        qs = qs.filter(department_id=member.department_id) if member.department_id else qs.none()
    return qs.annotate(
        entries=Count("stories", distinct=True),
        approved=Count("stories", filter=Q(stories__status=StoryStatus.APPROVED), distinct=True),
    ).order_by("-opens_at", "-id")


def _story_related(qs: QuerySet[Story]) -> QuerySet[Story]:
    return qs.select_related("creator", "department", "challenge").prefetch_related(
        Prefetch("images", queryset=StoryImage.objects.order_by("position", "id"))
    )


def my_stories(*, member: Member) -> QuerySet[Story]:
    return (
        _story_related(Story.objects.filter(creator=member))
        .prefetch_related("compliments__by")
        .order_by("-submitted_at", "-id")
    )


def review_queue(*, editor: Member) -> QuerySet[Story]:
    """Stories waiting for review in the editor's department (a Master: all), oldest first."""
    qs = Story.objects.filter(status=StoryStatus.SUBMITTED)
    if not editor.is_master:
        if not (editor.is_editor and editor.department_id):
            return qs.none()
        qs = qs.filter(department_id=editor.department_id)
    return _story_related(qs).order_by("submitted_at", "id")


def review_queue_count(*, editor: Member) -> int:
    return review_queue(editor=editor).order_by().count()


def suggestions(*, member: Member) -> QuerySet[Story]:
    """Approved stories for the member's feed: not dismissed, most relevant first (their
    department, their language), then newest."""
    dismissed = SuggestionDismissal.objects.filter(member=member, story_id=OuterRef("pk"))
    relevance = Case(
        When(department_id=member.department_id, then=Value(2)), default=Value(0), output_field=IntegerField()
    ) + Case(When(language=member.language, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        Story.objects.filter(status=StoryStatus.APPROVED)
        .exclude(Exists(dismissed))
        .annotate(relevance=relevance)
        .order_by("-relevance", "-approved_at", "-id")
    )


def suggestion_feed(*, member: Member) -> QuerySet[Story]:
    """``suggestions`` with what the feed shows: images, creator, and my shares."""
    return _story_related(suggestions(member=member)).prefetch_related(
        Prefetch("shares", queryset=Share.objects.filter(member=member), to_attr="my_shares")
    )


def public_story(*, public_id: str) -> Story | None:
    return _story_related(Story.objects.filter(public_id=public_id, status=StoryStatus.APPROVED)).first()
