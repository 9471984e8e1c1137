"""Who may take which course: every signed-in member may learn; a course with
prerequisites opens once they are completed. Asked by pages, the API and services."""

from django.utils.translation import gettext as _

from courses.models import CoursePage
from people.models import Member

from .models import CourseCompletion


def locked_message(missing_titles: list[str]) -> str | None:
    """Why a course is locked, naming the courses still to do; None when none are."""
    if not missing_titles:
        return None
    return _("Complete %(courses)s first.") % {"courses": ", ".join(f"“{t}”" for t in missing_titles)}


def locked_reason(*, member: Member, course: CoursePage) -> str | None:
    """Why ``member`` may not start ``course`` yet, or None when they may (two queries)."""
    prerequisites = list(course.prerequisites.values_list("translation_key", "title"))
    if not prerequisites:
        return None
    done = set(
        CourseCompletion.objects.filter(
            member=member, course_key__in=[key for key, _title in prerequisites]
        ).values_list("course_key", flat=True)
    )
    return locked_message([title for key, title in prerequisites if key not in done])


def may_download_certificate(*, member, completion: CourseCompletion) -> bool:
    """The certificate's PDF: its owner, and Social Masters (and superusers), who hand
    certificates out. Everyone else gets a 404, as if it did not exist (the public page
    stays open to all, for verification)."""
    if not getattr(member, "is_authenticated", False):
        return False
    return member.pk == completion.member_id or member.is_master
