"""Every change to a member's learning: enrolment, lessons, quizzes, completion and the
promotion a learning path brings.

All writes for one member run while holding a lock on that member's row
(``core.locking.lock``), so that two requests finishing the last two lessons at the same
moment still complete the course (and the path, and the promotion) exactly once. Unique
constraints back that up.
"""

import base64
import hashlib
import secrets
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from core.locking import lock
from core.sealed import Unsealable
from courses import quiz as quiz_rules
from courses.models import CoursePage, LearningPath, LessonPage, PathCourse
from gamification.openbadges.credentials import Achievement
from gamification.services import credentials as credential_services
from gamification.services.activity import count_activity
from gamification.services.points import record_action
from people import services as people_services
from people.models import Member, Role

from .models import (
    Cmi5Launch,
    CourseCompletion,
    Enrolment,
    LessonCompletion,
    PackageAttempt,
    PathCompletion,
    QuizAttempt,
)
from .package_results import outcome
from .policies import locked_reason
from .selectors import course_of
from .xapi import learning_events as xapi
from .xapi import outbox as xapi_outbox


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
                xapi.quiz_attempted(member=member, lesson=lesson, attempt=attempt)
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


@dataclass
class PackageResult:
    attempt: PackageAttempt
    lesson: LessonResult | None


def record_package_values(*, member: Member, lesson: LessonPage, values: dict) -> PackageResult:
    """Keep what a lesson's SCORM package reported through its runtime (``cmi.*`` values,
    ``learning.package_results``); a completion or a pass completes the lesson as
    ``complete_lesson`` does (points once, the course at once), a failure and its score are
    recorded and complete nothing. Reporting the same values again changes nothing.

    Locks the member row. Returns the attempt and, when the lesson was completed now or
    before, what the completion changed. Raises ``NotFound`` (404) for a lesson without a
    package, ``InvalidInput`` (400) for values that are not a map of ``cmi.*`` texts,
    ``Locked`` (403) and ``Busy``."""
    package = lesson.package
    if package is None:
        raise NotFound(_("This lesson has no e-learning package."), code="no_package")
    if (
        not isinstance(values, dict)
        or len(values) > 200
        or any(not isinstance(k, str) or not k.startswith("cmi.") or len(k) > 255 for k in values)
        or any(not isinstance(v, str | int | float) or len(str(v)) > 64000 for v in values.values())
    ):
        raise InvalidInput(_("The package sent values that cannot be stored."), code="invalid_package_values")
    course = course_of(lesson)
    _check_unlocked(member, course)
    with transaction.atomic():
        lock(member)
        attempt, _created = PackageAttempt.objects.get_or_create(
            member=member, lesson_key=lesson.translation_key, defaults={"standard": package.standard}
        )
        attempt.data = {**attempt.data, **{key: str(value) for key, value in values.items()}}
        result = outcome(package.standard, attempt.data)
        attempt.completion, attempt.success = result.completion, result.success
        attempt.score_scaled, attempt.score_raw, attempt.score_max = result.scaled, result.raw, result.maximum
        attempt.save()
        lesson_result = _record_lesson(member, lesson, course) if result.completes else None
    return PackageResult(attempt=attempt, lesson=lesson_result)


ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
CMI5_VALUES = {
    "completed": {"cmi.completion_status": "completed"},
    "passed": {"cmi.success_status": "passed"},
    "failed": {"cmi.success_status": "failed"},
}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def launch_cmi5(*, member: Member, lesson: LessonPage) -> Cmi5Launch:
    """A new launch of the lesson's cmi5 AU: a registration (the member's, kept across
    launches of the same lesson) and a one-time fetch code. Locks nothing; returns it."""
    earlier = Cmi5Launch.objects.filter(member=member, lesson_key=lesson.translation_key).first()
    return Cmi5Launch.objects.create(
        member=member,
        lesson_key=lesson.translation_key,
        registration=earlier.registration if earlier else uuid.uuid4(),
        fetch_code=secrets.token_urlsafe(32),
        token_hash=token_hash(secrets.token_urlsafe(32)),  # unusable until fetched
    )


def fetch_cmi5_token(*, fetch_code: str) -> str:
    """The auth token of a launch, handed out once (a conditional update decides).

    Locks nothing. Returns the token (the value of ``Authorization: Basic …``). Raises
    ``NotFound`` for an unknown code and ``Conflict`` (code ``fetch_used``) the second time."""
    token = base64.b64encode(f"cmi5:{secrets.token_urlsafe(32)}".encode()).decode()
    claimed = Cmi5Launch.objects.filter(fetch_code=fetch_code, fetched_at__isnull=True).update(
        fetched_at=timezone.now(), token_hash=token_hash(token)
    )
    if claimed:
        return token
    if Cmi5Launch.objects.filter(fetch_code=fetch_code).exists():
        raise Conflict(_("This launch has already fetched its token."), code="fetch_used")
    raise NotFound(_("Unknown launch."), code="unknown_launch")


def record_cmi5_statements(*, launch: Cmi5Launch, lesson: LessonPage, statements: list) -> list[str]:
    """Take the statements a cmi5 AU sends for ``launch``: each must name the launch's member
    (the actor it was given), registration and AU. ``completed``/``passed`` complete the
    lesson and ``failed`` is recorded, with the score, as ``record_package_values`` does;
    ``initialized``, ``terminated`` and the rest change nothing. Every statement is also put in
    the xAPI outbox for the organisation's LRS (``xapi.outbox.forward``), with its own id or one
    derived from its content, so a resent statement is not forwarded twice.

    Locks the member row (through ``record_package_values``). Returns the statements' ids.
    Raises ``InvalidInput`` (code ``cmi5_statement_refused``) for a statement that does not
    belong to the launch, and what ``record_package_values`` raises."""
    member, package = launch.member, lesson.package
    values, received = {}, []
    for statement in statements:
        if not isinstance(statement, dict):
            raise InvalidInput(_("The package sent values that cannot be stored."), code="cmi5_statement_refused")
        account = (statement.get("actor") or {}).get("account") or {}
        context = statement.get("context") or {}
        if (
            account.get("name") != str(member.pk)
            or (statement.get("object") or {}).get("id") != package.activity_id
            or context.get("registration") != str(launch.registration)
        ):
            raise InvalidInput(_("The package sent values that cannot be stored."), code="cmi5_statement_refused")
        verb = str((statement.get("verb") or {}).get("id", "")).removeprefix(ADL_VERBS)
        values.update(CMI5_VALUES.get(verb, {}))
        scaled = ((statement.get("result") or {}).get("score") or {}).get("scaled")
        if verb in CMI5_VALUES and isinstance(scaled, int | float):
            values["cmi.score.scaled"] = str(scaled)
        received.append(
            {**statement, "id": str(xapi_outbox.received_statement_id(statement=statement, launch_key=str(launch.pk)))}
        )
    with transaction.atomic():
        if values:
            record_package_values(member=member, lesson=lesson, values=values)
        # The AU's own statements go on to the organisation's LRS as they are (cmi5 expects
        # the LMS to be, or to feed, the LRS), beside the lesson's completion of our own.
        for forwarded in received:
            xapi_outbox.forward(statement=forwarded, member=member)
    return [forwarded["id"] for forwarded in received]


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
        count_activity(member_id=member.pk, kind="lessons", at=_completion.completed_at)
        xapi.lesson_completed(member=member, lesson=lesson, course=course)
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
    certificate_credential(completion=completion, course=course)

    count_activity(member_id=member.pk, kind="courses", at=completion.completed_at)
    xapi.course_completed(member=member, course=course, completed_at=completion.completed_at)
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
        xapi.path_completed(member=member, path=path, completed_at=completion.completed_at)
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


# Certificates are Open Badges 3.0 credentials too; the uuid is derived from the certificate's
# code, so the credential's address is stable and needs no column.
CERTIFICATE_NAMESPACE = uuid.UUID("6f1d0a52-6c8e-4c7b-9c0e-3b1f2d7a9e41")


def certificate_subject(completion: CourseCompletion) -> uuid.UUID:
    return uuid.uuid5(CERTIFICATE_NAMESPACE, completion.certificate_code)


def certificate_credential(*, completion: CourseCompletion, course: CoursePage | None = None):
    """The certificate's Open Badges 3.0 credential (``gamification.services.credentials``),
    issued on first use: at completion, or when the certificate page is first shown for an
    older one. Idempotent; locks nothing (the credential's unique constraint decides).
    Returns the ``Credential``, or None for a member who is gone (deactivated or erased) and
    while the signing key cannot be opened (logged; issued on a later visit once it can: a
    course completion is never lost for a credential); raises nothing of its own."""
    if not completion.member.is_active:
        return None
    if course is None:
        course = CoursePage.objects.filter(translation_key=completion.course_key).first()
    page = absolute_url(reverse("learning:certificate", args=[completion.certificate_code]))
    course_url = absolute_url(course.url) if course is not None and course.url else page
    with translation.override(settings.LANGUAGE_CODE):
        achievement = Achievement(
            id=course_url,
            name=completion.course_title,
            description=str(_("Certificate of completion")) + ": " + completion.course_title,
            criteria_url=course_url,
            criteria_narrative=str(_("Completed every lesson of the course.")),
            achievement_type="Certificate",
        )
    try:
        return credential_services.issue(
            subject=certificate_subject(completion),
            achievement=achievement,
            email=completion.member.email,
            awarded_at=completion.completed_at,
        )
    except Unsealable as error:
        credential_services.signing_unavailable(error)
        return None


def absolute_url(path: str) -> str:
    return path if path.startswith("http") else settings.BASE_URL.rstrip("/") + path
