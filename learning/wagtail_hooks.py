"""Learner state for the course pages, which ``courses`` renders without knowing about it."""

import uuid

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail import hooks

from courses.models import CoursePage, LessonPage
from courses.quiz import public_quiz

from . import policies, selectors, services


@hooks.register("course_index_page_context")
def course_index_context(*, request, page):
    return {"overview": selectors.learning_overview(member=request.user, language=get_language())}


@hooks.register("course_page_context")
def course_context(*, request, page):
    progress = selectors.course_progress(member=request.user, course=page)
    if progress.total and progress.done == progress.total and not progress.completed and not progress.locked_reason:
        services.sync_course_completion(member=request.user, course=page)
        progress = selectors.course_progress(member=request.user, course=page)
    return {"progress": progress}


@hooks.register("lesson_page_context")
def lesson_context(*, request, page):
    course = selectors.course_of(page)
    progress = selectors.course_progress(member=request.user, course=course)
    lessons = [item.lesson for item in progress.lessons]
    index = next((i for i, lesson in enumerate(lessons) if lesson.pk == page.pk), None)
    context = {
        "course": course,
        "progress": progress,
        "completed": any(item.completed for item in progress.lessons if item.lesson.pk == page.pk),
        "previous_lesson": lessons[index - 1] if index else None,
        "next_lesson": lessons[index + 1] if index is not None and index + 1 < len(lessons) else None,
    }
    if page.package_id is not None:
        launch = services.launch_cmi5(member=request.user, lesson=page) if page.package.standard == "cmi5" else None
        context["package"] = selectors.package_player(member=request.user, lesson=page, cmi5_launch=launch)
    quiz = page.quiz
    if quiz is not None:
        attempt = selectors.last_attempt(member=request.user, lesson=page)
        context["quiz"] = public_quiz(quiz)
        # One token per rendered form: a double click submits it twice, is recorded once.
        context["quiz_token"] = uuid.uuid4().hex
        context["quiz_attempt"] = attempt
        if attempt is not None:
            context["quiz_feedback"] = {item["question"]: item for item in attempt.feedback}
            # The form shows the answers of the last attempt again, beside its feedback.
            context["quiz_chosen"] = {choice for chosen in (attempt.answers or {}).values() for choice in chosen}
    return context


@hooks.register("before_serve_page")
def refuse_hidden_courses(page, request, serve_args, serve_kwargs):
    """A course, or a lesson of a course, that is not live or whose audience leaves the
    member out answers 404, as if it did not exist. Runs before the lock check below."""
    if not isinstance(page, (CoursePage, LessonPage)) or not request.user.is_authenticated:
        return None
    course = page if isinstance(page, CoursePage) else selectors.course_of(page)
    if not selectors.course_visible(member=request.user, course=course):
        raise Http404
    return None


@hooks.register("before_serve_page")
def refuse_locked_lessons(page, request, serve_args, serve_kwargs):
    """A lesson of a course whose prerequisites are not done answers 403 with the reason."""
    if not isinstance(page, LessonPage) or not request.user.is_authenticated:
        return None
    course = selectors.course_of(page)
    reason = policies.locked_reason(member=request.user, course=course)
    if reason:
        return TemplateResponse(
            request, "learning/locked.html", {"page": page, "course": course, "reason": reason}, status=403
        )
    return None


@hooks.register("record_learning_event")
def session_as_xapi_statement(**event):
    """A session registered or attended (``events.services.learning_record``) as an xAPI
    statement: ``events`` may not import ``learning`` (same line of the app order), so it
    hands the event over with plain values through this hook."""
    from .xapi import learning_events

    learning_events.session_event(**event)
