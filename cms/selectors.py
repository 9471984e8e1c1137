"""Reads the site shell needs from several apps."""

from learning import selectors as learning_selectors
from people.models import Member


def first_lesson_url(*, member: Member, language: str) -> str:
    """Where a member starts learning: the next lesson of their path, else of any open
    course, else the learning dashboard."""
    overview = learning_selectors.learning_overview(member=member, language=language)
    upcoming = overview.next or next((c for p in overview.paths for c in p.courses if c.next_lesson), None)
    if upcoming is None:
        upcoming = next((c for c in overview.courses if c.next_lesson and not c.locked_reason), None)
    if upcoming is not None and upcoming.next_lesson is not None:
        return upcoming.next_lesson.url
    return "/learn/"
