"""Every change to a member's learning: enrolment, lessons, quizzes, completion and the
promotion a learning path brings.

All writes for one member run while holding a lock on that member's row, so that two
requests finishing the last two lessons at the same moment still complete the course
(and the path, and the promotion) exactly once. Unique constraints back that up.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError
from courses import quiz as quiz_rules
from courses.models import CoursePage, LearningPath, LessonPage, PathCourse
from gamification.services.points import record_action
from people import services as people_services
from people.models import Member, Role

from .models import CourseCompletion, Enrolment, LessonCompletion, PathCompletion, QuizAttempt


class LearningError(ServiceError):
    """A learning action that is refused (see the subclasses for the status)."""


class Locked(LearningError):
    """The course needs other courses first (HTTP 403)."""

    status_code = 403


class QuizNotPassed(LearningError):
    """A lesson with a quiz is done when the quiz is passed (HTTP 409)."""

    status_code = 409


class NoQuiz(LearningError):
    status_code = 404


InvalidAnswers = quiz_rules.InvalidAnswers


@dataclass
class LessonResult:
    completed: bool
    newly_completed: bool
    course_completion: CourseCompletion | None = None
    course_newly_completed: bool = False
    path_completions: list[PathCompletion] = field(default_factory=list)
    promoted_to: str | None = None


@dataclass
class QuizResult:
    attempt: QuizAttempt
    lesson: LessonResult | None


def course_of(lesson: LessonPage) -> CoursePage:
    """The lesson's course, remembered on the lesson: the page's hooks ask more than once."""
    if getattr(lesson, "_course", None) is None:
        lesson._course = CoursePage.objects.get(path=lesson.path[: -LessonPage.steplen])
    return lesson._course


def locked_reason(*, member: Member, course: CoursePage) -> str | None:
    """Why ``member`` may not start ``course`` yet, or None when they may."""
    prerequisites = list(course.prerequisites.values_list("translation_key", "title"))
    if not prerequisites:
        return None
    done = set(
        CourseCompletion.objects.filter(
            member=member, course_key__in=[key for key, _title in prerequisites]
        ).values_list("course_key", flat=True)
    )
    missing = [title for key, title in prerequisites if key not in done]
    if not missing:
        return None
    return str(_("Complete %(courses)s first.") % {"courses": ", ".join(f"“{t}”" for t in missing)})


def _check_unlocked(member: Member, course: CoursePage) -> None:
    reason = locked_reason(member=member, course=course)
    if reason:
        raise Locked(reason)


def _lock_member(member: Member) -> None:
    Member.objects.select_for_update().filter(pk=member.pk).values_list("pk", flat=True).first()


def enrol(*, member: Member, course: CoursePage) -> Enrolment:
    """Enrol ``member`` in ``course`` (idempotent). Raises ``Locked`` with the reason when
    prerequisites are missing."""
    _check_unlocked(member, course)
    enrolment, _created = Enrolment.objects.get_or_create(member=member, course_key=course.translation_key)
    return enrolment


def complete_lesson(*, member: Member, lesson: LessonPage) -> LessonResult:
    """Mark a lesson done. Repeating it changes nothing. A lesson with a quiz is completed
    by passing the quiz (``QuizNotPassed`` otherwise); finishing the last lesson completes
    the course at once, and the last course the path."""
    course = course_of(lesson)
    _check_unlocked(member, course)
    if (
        lesson.has_quiz
        and not QuizAttempt.objects.filter(member=member, lesson_key=lesson.translation_key, passed=True).exists()
    ):
        raise QuizNotPassed(_("Pass the quiz to complete this lesson."))
    with transaction.atomic():
        _lock_member(member)
        return _record_lesson(member, lesson, course)


def submit_quiz(*, member: Member, lesson: LessonPage, answers, client_token: str | None = None) -> QuizResult:
    """Grade answers on the server and record the attempt; a pass completes the lesson.

    Raises ``InvalidAnswers`` (400) for answers that do not fit the quiz and ``Locked``
    for a locked course. With a ``client_token``, a repeated submission returns the first
    attempt instead of recording another."""
    quiz = lesson.quiz
    if quiz is None:
        raise NoQuiz(_("This lesson has no quiz."))
    course = course_of(lesson)
    _check_unlocked(member, course)
    if client_token:
        client_token = str(client_token)[:64]
        earlier = QuizAttempt.objects.filter(
            member=member, lesson_key=lesson.translation_key, client_token=client_token
        ).first()
        if earlier is not None:
            return QuizResult(attempt=earlier, lesson=None)
    grade = quiz_rules.grade(quiz, answers)
    with transaction.atomic():
        _lock_member(member)
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(
                    member=member,
                    lesson_key=lesson.translation_key,
                    answers=quiz_rules.normalise_answers(quiz, answers),
                    score=grade.score,
                    max_score=grade.max_score,
                    passed=grade.passed,
                    feedback=grade.feedback,
                    client_token=client_token or None,
                )
        except IntegrityError:
            earlier = QuizAttempt.objects.get(
                member=member, lesson_key=lesson.translation_key, client_token=client_token
            )
            return QuizResult(attempt=earlier, lesson=None)
        lesson_result = None
        if grade.passed:
            record_action(
                member=member,
                action="quiz_passed",
                ref=f"quiz:{lesson.translation_key}",
                label=lesson.title,
                url=lesson.get_url() or "",
            )
            lesson_result = _record_lesson(member, lesson, course)
    return QuizResult(attempt=attempt, lesson=lesson_result)


def sync_course_completion(*, member: Member, course: CoursePage) -> CourseCompletion | None:
    """Complete a course whose remaining lessons were removed or emptied by its authors
    after the member had done all the others. Idempotent."""
    with transaction.atomic():
        _lock_member(member)
        completion, _created, _paths, _role = _complete_course_if_done(member, course)
    return completion


def _record_lesson(member: Member, lesson: LessonPage, course: CoursePage) -> LessonResult:
    _completion, created = LessonCompletion.objects.get_or_create(
        member=member, lesson_key=lesson.translation_key, defaults={"course_key": course.translation_key}
    )
    Enrolment.objects.get_or_create(member=member, course_key=course.translation_key)
    if created:
        record_action(
            member=member,
            action="lesson_completed",
            ref=f"lesson:{lesson.translation_key}",
            label=lesson.title,
            url=lesson.get_url() or "",
        )
    result = LessonResult(completed=True, newly_completed=created)
    completion, course_new, paths, role = _complete_course_if_done(member, course)
    result.course_completion = completion
    result.course_newly_completed = course_new
    result.path_completions = paths
    result.promoted_to = role
    return result


def _complete_course_if_done(member: Member, course: CoursePage):
    required = set(
        LessonPage.objects.child_of(course).live().filter(has_content=True).values_list("translation_key", flat=True)
    )
    if not required:
        return None, False, [], None
    done = LessonCompletion.objects.filter(member=member, lesson_key__in=required).count()
    if done < len(required):
        return None, False, [], None
    completion, created = CourseCompletion.objects.get_or_create(
        member=member,
        course_key=course.translation_key,
        defaults={"course_title": course.title, "member_name": member.name},
    )
    if not created:
        return completion, False, [], None
    certificate_url = reverse("learning:certificate", args=[completion.certificate_code])
    record_action(
        member=member,
        action="course_completed",
        ref=f"course:{course.translation_key}",
        label=course.title,
        url=certificate_url,
    )
    people_services.notify(
        member=member,
        kind="course_completed",
        title=_("Course completed: %(course)s"),
        body=_("Well done! Your certificate is ready; you can share it on LinkedIn."),
        params={"course": course.title},
        url=certificate_url,
        dedupe_key=f"course_completed:{course.translation_key}",
    )
    paths, role = _complete_paths_containing(member, course)
    return completion, True, paths, role


def _complete_paths_containing(member: Member, course: CoursePage):
    path_keys = set(
        PathCourse.objects.filter(course__translation_key=course.translation_key).values_list(
            "path__translation_key", flat=True
        )
    )
    completions, promoted_to = [], None
    for path_key in path_keys:
        course_keys = set(
            PathCourse.objects.filter(path__translation_key=path_key).values_list("course__translation_key", flat=True)
        )
        done = CourseCompletion.objects.filter(member=member, course_key__in=course_keys).count()
        if done < len(course_keys):
            continue
        path = _path_for_member(path_key, member)
        completion, created = PathCompletion.objects.get_or_create(
            member=member, path_key=path_key, defaults={"path_title": path.title}
        )
        if not created:
            continue
        completions.append(completion)
        record_action(
            member=member,
            action="path_completed",
            ref=f"path:{path_key}",
            label=path.title,
            url=reverse("learning:dashboard"),
        )
        people_services.notify(
            member=member,
            kind="path_completed",
            title=_("Learning path completed: %(path)s"),
            params={"path": path.title},
            url=reverse("learning:dashboard"),
            dedupe_key=f"path_completed:{path_key}",
        )
        if path.target_role and people_services.promote(member=member, to_role=path.target_role):
            promoted_to = path.target_role
            record_action(
                member=member,
                action="role_promoted",
                ref=f"role:{path.target_role}",
                label=str(Role(path.target_role).label),
                url=reverse("people:profile"),
            )
            people_services.notify(
                member=member,
                kind="role_promoted",
                title=_("Congratulations, you are now a %(role)s!"),
                body=_("You completed “%(path)s”. Your new role shows on your profile."),
                params={"role": Role(path.target_role).label, "path": path.title},
                url=reverse("people:profile"),
                dedupe_key=f"role_promoted:{path.target_role}",
            )
    return completions, promoted_to


def _path_for_member(path_key, member: Member) -> LearningPath:
    translations = list(LearningPath.objects.filter(translation_key=path_key).select_related("locale"))
    for path in translations:
        if path.locale.language_code == member.language:
            return path
    return translations[0]
