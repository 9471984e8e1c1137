"""Reads of stories: mine, the review queue, one story as a member may see it, the public
page and the admin's list. A constant number of queries whatever the number of rows."""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from people.models import Member
from strategy.models import PlanItem

from .. import policies
from ..models import ReviewDecision, Story, StoryImage, StoryStatus


def with_story_details(qs: QuerySet[Story]) -> QuerySet[Story]:
    """What every story list shows: creator, department, challenge and images in order, and
    the content plan's item it was written for (``plan_item_id``, None without one)."""
    planned = PlanItem.objects.filter(story_id=OuterRef("pk")).order_by("pk").values("pk")[:1]
    return (
        qs.select_related("creator", "department", "challenge")
        .prefetch_related(Prefetch("images", queryset=StoryImage.objects.order_by("position", "id")), "messages")
        .annotate(plan_item_id=Subquery(planned))
    )


def my_stories(*, member: Member) -> QuerySet[Story]:
    """The member's own stories, whatever their status, newest first, with compliments."""
    return (
        with_story_details(Story.objects.filter(creator=member))
        .prefetch_related("compliments__by")
        .order_by("-submitted_at", "-id")
    )


def find_story(*, pk: int) -> Story | None:
    """The story with its creator and challenge, whoever may see it (ask
    ``policies.can_see_story``), or None."""
    return Story.objects.select_related("creator", "challenge").filter(pk=pk).first()


def approved_stories() -> QuerySet[Story]:
    """Stories anyone may share, with their challenge."""
    return Story.objects.select_related("challenge").filter(status=StoryStatus.APPROVED)


def own_stories(*, member: Member) -> QuerySet[Story]:
    return Story.objects.filter(creator=member)


def review_queue(*, editor: Member) -> QuerySet[Story]:
    """Stories waiting for review that ``editor`` may review (``policies.review_scope``: their
    department's; for an editor for all departments also those of departments without an
    editor; a Master: all), oldest first. Withdrawn stories are not waiting."""
    qs = Story.objects.filter(policies.review_scope(editor), status=StoryStatus.SUBMITTED)
    return with_story_details(qs).order_by("submitted_at", "id")


def review_queue_count(*, editor: Member) -> int:
    return review_queue(editor=editor).order_by().count()


def admin_stories(*, member: Member) -> QuerySet[Story]:
    """The admin's story list: Masters every story, an Editor those they may review
    (``policies.review_scope``), anyone else their own department's."""
    stories = Story.objects.select_related("creator", "department", "challenge")
    if member.is_master:
        return stories
    if member.is_editor:
        return stories.filter(policies.review_scope(member))
    return stories.filter(department_id=member.department_id) if member.department_id else stories.none()


def admin_review_decisions(*, member: Member) -> QuerySet[ReviewDecision]:
    """The admin's decision log: Masters every decision, an Editor those on stories they may
    review (``policies.review_scope``: their own departments'), anyone else none."""
    decisions = ReviewDecision.objects.select_related("story", "editor")
    if member.is_master:
        return decisions
    if member.is_editor:
        return decisions.filter(story__in=Story.objects.filter(policies.review_scope(member)).values("pk"))
    return decisions.none()


def public_story(*, public_id: str) -> Story | None:
    """An approved story for its public page (no login), or None."""
    return with_story_details(Story.objects.filter(public_id=public_id, status=StoryStatus.APPROVED)).first()


def story_of_media(*, name: str) -> Story | None:
    """The story a stored photo or video belongs to (two indexed-by-story lookups at most),
    or None for a name no story holds."""
    image = StoryImage.objects.select_related("story").filter(image=name).first()
    if image is not None:
        return image.story
    return Story.objects.filter(video=name).first() if name else None


def messages_by_department(*, department_ids) -> dict[int, set[int]]:
    """For each department, the ids of the key messages its approved stories served (one
    query, however many departments or stories)."""
    rows = (
        Story.messages.through.objects.filter(
            story__status=StoryStatus.APPROVED, story__department_id__in=list(department_ids)
        )
        .values_list("story__department_id", "keymessage_id")
        .distinct()
    )
    found: dict[int, set[int]] = {}
    for department_id, message_id in rows:
        found.setdefault(department_id, set()).add(message_id)
    return found
