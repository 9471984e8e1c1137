"""Every change to a member's learning: enrolment, lessons, quizzes, completion and the
promotion a learning path brings.

All writes for one member run while holding a lock on that member's row
(``core.locking.lock``), so that two requests finishing the last two lessons at the same
moment still complete the course (and the path, and the promotion) exactly once. Unique
constraints back that up.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, NotAllowed, NotFound
from core.locking import lock
from courses import quiz as quiz_rules
from courses.models import CoursePage, LearningPath, LessonPage, PathCourse
from gamification.services.points import record_action
from people import services as people_services
from people.models import Member, Role

from .models import CourseCompletion, Enrolment, LessonCompletion, PathCompletion, QuizAttempt
from .policies import locked_reason
from .selectors import course_of


class Locked(NotAllowed):
    """The course needs other courses first (403); the message names them."""

    default_code = "course_locked"


class QuizNotPassed(Conflict):
    """A lesson with a quiz is done when the quiz is passed (409)."""

    default_code = "quiz_not_passed"


class NoQuiz(NotFound):
    """The lesson has no quiz to take (404)."""

    default_code = "no_quiz"


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


def _check_unlocked(member: Member, course: CoursePage) -> None:
    reason = locked_reason(member=member, course=course)
    if reason:
        raise Locked(reason)


def enrol(*, member: Member, course: CoursePage) -> Enrolment:
    """Enrol ``member`` in ``course``; enrolling again changes nothing.

    Locks nothing: ``get_or_create`` on the unique (member, course) key. Returns the
    enrolment. Raises ``Locked`` (403) with the reason when prerequisites are missing."""
    _check_unlocked(member, course)
    enrolment, _created = Enrolment.objects.get_or_create(member=member, course_key=course.translation_key)
    return enrolment


def complete_lesson(*, member: Member, lesson: LessonPage) -> LessonResult:
    """Mark a lesson done; repeating it changes nothing. Finishing the last lesson
    completes the course at once (certificate, points, notification), the last course the
    path, and a path may promote the member.

    Locks the member row for the completion. Returns what changed (``LessonResult``).
    Raises ``Locked`` (403) for a course whose prerequisites are missing, ``QuizNotPassed``
    (409) for a quiz lesson whose quiz is not passed yet, and ``Busy`` when the row stays
    locked too long."""
    course = course_of(lesson)
    _check_unlocked(member, course)
    if (
        lesson.has_quiz
        and not QuizAttempt.objects.filter(member=member, lesson_key=lesson.translation_key, passed=True).exists()
    ):
        raise QuizNotPassed(_("Pass the quiz to complete this lesson."))
    with transaction.atomic():
        lock(member)
        return _record_lesson(member, lesson, course)


def submit_quiz(
    *, member: Member, lesson: LessonPage, answers: dict[str, list[str]], client_token: str | None = None
) -> QuizResult:
    """Grade answers on the server and record the attempt; a pass completes the lesson (as
    ``complete_lesson``). With a ``client_token``, a repeated submission returns the first
    attempt instead of recording another.

    Locks the member row while recording. Returns the attempt and, for a pass, what the
    lesson's completion changed (``QuizResult``). Raises ``NoQuiz`` (404), ``InvalidAnswers``
    (400) for answers that do not fit the quiz, ``Locked`` (403) for a locked course and
    ``Busy``."""
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
        lock(member)
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
    after the member had done all the others; idempotent.

    Locks the member row. Returns the completion, or None while lessons remain. Raises
    ``Busy`` when the row stays locked too long."""
    with transaction.atomic():
        lock(member)
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
