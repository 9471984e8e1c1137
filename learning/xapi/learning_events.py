"""The learning events as statements: one function per event, called where the event happens
(``learning.services``; ``learning.wagtail_hooks`` for the sessions of ``events``). Each does
nothing, and costs no query, when no LRS is connected."""

import datetime

from wagtail.models import Locale

from .outbox import configured, record
from .statements import Activity, score


def _language(page) -> str:
    locale = getattr(page, "locale", None)
    return getattr(locale, "language_code", "nl") or "nl"


def page_activity(page, kind: str) -> Activity:
    return Activity(key=page.translation_key, kind=kind, name=page.title, language=_language(page))


def lesson_completed(*, member, lesson, course) -> None:
    if configured():
        record(
            event=f"lesson_completed:{member.pk}:{lesson.translation_key}",
            member=member,
            verb="completed",
            activity=page_activity(lesson, "lesson"),
            parent=page_activity(course, "course"),
            result={"completion": True},
        )


def course_completed(*, member, course, completed_at: datetime.datetime) -> None:
    if configured():
        record(
            event=f"course_completed:{member.pk}:{course.translation_key}",
            member=member,
            verb="completed",
            activity=page_activity(course, "course"),
            occurred_at=completed_at,
            result={"completion": True},
        )


def path_completed(*, member, path, completed_at: datetime.datetime) -> None:
    if configured():
        record(
            event=f"path_completed:{member.pk}:{path.translation_key}",
            member=member,
            verb="completed",
            activity=page_activity(path, "path"),
            occurred_at=completed_at,
            result={"completion": True},
        )


def quiz_attempted(*, member, lesson, attempt) -> None:
    """Two statements per attempt: ``attempted``, and ``passed`` or ``failed``, with the score."""
    if not configured():
        return
    quiz = Activity(key=lesson.translation_key, kind="quiz", name=lesson.title, language=_language(lesson))
    result = {"score": score(raw=attempt.score, maximum=attempt.max_score), "success": attempt.passed}
    record(
        event=f"quiz_attempted:{attempt.pk}",
        member=member,
        verb="attempted",
        activity=quiz,
        occurred_at=attempt.created_at,
        parent=page_activity(lesson, "lesson"),
    )
    record(
        event=f"quiz_{'passed' if attempt.passed else 'failed'}:{attempt.pk}",
        member=member,
        verb="passed" if attempt.passed else "failed",
        activity=quiz,
        occurred_at=attempt.created_at,
        result=result,
        parent=page_activity(lesson, "lesson"),
    )


def session_event(
    *, member, verb: str, ref: str, session_key, title: str, locale_id: int | None, occurred_at: datetime.datetime
) -> None:
    """A session of ``events``: ``registered`` or ``attended`` (plain values, through the
    ``record_learning_event`` hook). ``ref`` names the registration, so a member who
    registers again after cancelling is a new statement."""
    if configured():
        locale = Locale.objects.filter(pk=locale_id).first() if locale_id else None
        language = locale.language_code if locale else "nl"
        record(
            event=f"session_{verb}:{ref}",
            member=member,
            verb=verb,
            activity=Activity(key=session_key, kind="session", name=title, language=language),
            occurred_at=occurred_at,
        )
