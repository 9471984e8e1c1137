"""Reads of stories: mine, the review queue, one story as a member may see it, the public
page and the admin's list. A constant number of queries whatever the number of rows."""

from django.db.models import Prefetch, QuerySet

from people.models import Member

from ..models import Story, StoryImage, StoryStatus


def with_story_details(qs: QuerySet[Story]) -> QuerySet[Story]:
    """What every story list shows: creator, department, challenge and images in order."""
    return qs.select_related("creator", "department", "challenge").prefetch_related(
        Prefetch("images", queryset=StoryImage.objects.order_by("position", "id"))
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
    """Stories waiting for review in the editor's department (a Master: all), oldest first."""
    qs = Story.objects.filter(status=StoryStatus.SUBMITTED)
    if not editor.is_master:
        if not (editor.is_editor and editor.department_id):
            return qs.none()
        qs = qs.filter(department_id=editor.department_id)
    return with_story_details(qs).order_by("submitted_at", "id")


def review_queue_count(*, editor: Member) -> int:
    return review_queue(editor=editor).order_by().count()


def admin_stories(*, member: Member) -> QuerySet[Story]:
    """The admin's story list: Masters every story, an Editor their own department's."""
    stories = Story.objects.select_related("creator", "department", "challenge")
    if member.is_master:
        return stories
    return stories.filter(department_id=member.department_id) if member.department_id else stories.none()


def public_story(*, public_id: str) -> Story | None:
    """An approved story for its public page (no login), or None."""
    return with_story_details(Story.objects.filter(public_id=public_id, status=StoryStatus.APPROVED)).first()
