"""Read queries for the learner's pages and the API. Each function runs a fixed number of
queries however many paths, courses and lessons there are."""

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from courses.models import Audience, CoursePage, LearningPath, LessonPage, PathCourse
from people.models import Member, Role

from .models import CourseCompletion, LessonCompletion, PackageAttempt, QuizAttempt
from .policies import locked_message

PAGE_FIELDS = ["id", "title", "slug", "path", "depth", "url_path", "translation_key", "locale_id", "live"]


@dataclass
class LessonProgress:
    lesson: LessonPage
    completed: bool


@dataclass
class CourseProgress:
    course: CoursePage
    lessons: list[LessonProgress]
    completion: CourseCompletion | None
    locked_reason: str | None

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def done(self) -> int:
        return sum(1 for item in self.lessons if item.completed)

    @property
    def completed(self) -> bool:
        return self.completion is not None

    @property
    def percent(self) -> int:
        if self.completed:
            return 100
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_lesson(self) -> LessonPage | None:
        for item in self.lessons:
            if not item.completed:
                return item.lesson
        return None

    @property
    def started(self) -> bool:
        return self.done > 0


@dataclass
class PathProgress:
    path: LearningPath
    courses: list[CourseProgress] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.courses)

    @property
    def done(self) -> int:
        return sum(c.done for c in self.courses)

    @property
    def completed(self) -> bool:
        return bool(self.courses) and all(c.completed for c in self.courses)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_course(self) -> CourseProgress | None:
        for course in self.courses:
            if not course.completed and not course.locked_reason and course.next_lesson:
                return course
        return None


@dataclass
class Overview:
    paths: list[PathProgress]
    courses: list[CourseProgress]
    languages: dict[int, str] = field(default_factory=dict)

    @property
    def other_courses(self) -> list[CourseProgress]:
        """Courses that are in none of the paths shown."""
        in_paths = {c.course.translation_key for path in self.paths for c in path.courses}
        return [c for c in self.courses if c.course.translation_key not in in_paths]

    @property
    def next(self) -> CourseProgress | None:
        for path in self.paths:
            if path.next_course:
                return path.next_course
        for course in self.courses:
            if course.started and not course.completed and course.next_lesson:
                return course
        return None


def audience_q(member: Member) -> Q:
    """The courses whose audience includes ``member``, as one SQL condition. Social Masters
    author every course and see them all."""
    if member.is_superuser or member.role == Role.MASTER:
        return Q()
    condition = Q(audience=Audience.EVERYONE)
    if member.department_id:
        departments = CoursePage.audience_departments.through.objects.filter(department_id=member.department_id)
        condition |= Q(audience=Audience.DEPARTMENTS, pk__in=departments.values("coursepage_id"))
    if member.location_id:
        locations = CoursePage.audience_locations.through.objects.filter(location_id=member.location_id)
        condition |= Q(audience=Audience.LOCATIONS, pk__in=locations.values("coursepage_id"))
    if member.role:
        condition |= Q(audience=Audience.ROLES, audience_roles__contains=f",{member.role},")
    if member.in_pilot:
        condition |= Q(audience=Audience.PILOT)
    return condition


def visible_courses(*, member: Member):
    """Live courses ``member`` may see (a queryset: one query when evaluated)."""
    return CoursePage.objects.live().filter(audience_q(member))


def visible_course(*, member: Member, pk: int) -> CoursePage | None:
    """The live course ``pk`` when ``member`` is in its audience, else None (one query)."""
    return visible_courses(member=member).filter(pk=pk).first()


def course_visible(*, member: Member, course: CoursePage) -> bool:
    """Whether ``member`` may see ``course``: live and in its audience (one query)."""
    return visible_courses(member=member).filter(pk=course.pk).exists()


def visible_lesson(*, member: Member, pk: int) -> LessonPage | None:
    """The live lesson ``pk`` of a live course ``member`` may see, else None (two queries);
    the course is remembered on the lesson (``course_of``)."""
    lesson = LessonPage.objects.live().filter(pk=pk).first()
    if lesson is None:
        return None
    course = visible_courses(member=member).filter(path=lesson.path[: -LessonPage.steplen]).first()
    if course is None:
        return None
    lesson._course = course
    return lesson


def languages() -> dict[int, str]:
    """{locale id: language code} (one query)."""
    return dict(Locale.objects.values_list("id", "language_code"))


def _locale_ids(language: str) -> tuple[int | None, int | None, dict[int, str]]:
    """(member's locale id, default locale id, {id: language code}) in one query."""
    languages_by_id = languages()
    by_code = {code: pk for pk, code in languages_by_id.items()}
    try:
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        default = settings.LANGUAGE_CODE
    return by_code.get(language), by_code.get(default), languages_by_id


def _prefer(items, key, locale_id, default_locale_id):
    """One item per translation key: the member's language, else the default, else any."""
    chosen = {}
    for item in items:
        k = key(item)
        current = chosen.get(k)
        rank = 0 if item.locale_id == locale_id else 1 if item.locale_id == default_locale_id else 2
        if current is None or rank < current[0]:
            chosen[k] = (rank, item)
    return {k: item for k, (rank, item) in chosen.items()}


def _build_course_progress(member, courses: list[CoursePage]) -> list[CourseProgress]:
    if not courses:
        return []
    course_ids = [c.pk for c in courses]
    prerequisites = defaultdict(list)
    through = CoursePage.prerequisites.through
    for course_id, key, title in through.objects.filter(from_coursepage_id__in=course_ids).values_list(
        "from_coursepage_id", "to_coursepage__translation_key", "to_coursepage__title"
    ):
        prerequisites[course_id].append((key, title))
    by_path = {c.path: c for c in courses}
    lessons_by_course = defaultdict(list)
    locale_ids = {c.locale_id for c in courses}
    lessons = (
        LessonPage.objects.live()
        .filter(has_content=True, locale_id__in=locale_ids, depth__in={c.depth + 1 for c in courses})
        .only(*PAGE_FIELDS, "has_content", "has_quiz")
        .order_by("path")
    )
    for lesson in lessons:
        parent = by_path.get(lesson.path[: -LessonPage.steplen])
        if parent is not None:
            lessons_by_course[parent.pk].append(lesson)
    done_lessons = set(LessonCompletion.objects.filter(member=member).values_list("lesson_key", flat=True))
    completions = {c.course_key: c for c in CourseCompletion.objects.filter(member=member)}
    result = []
    for course in courses:
        reason = locked_message([title for key, title in prerequisites[course.pk] if key not in completions])
        result.append(
            CourseProgress(
                course=course,
                lessons=[
                    LessonProgress(lesson=lesson, completed=lesson.translation_key in done_lessons)
                    for lesson in lessons_by_course[course.pk]
                ],
                completion=completions.get(course.translation_key),
                locked_reason=reason,
            )
        )
    return result


def _live_courses(member: Member, locale_id: int | None, default_id: int | None) -> list[CoursePage]:
    courses = (
        visible_courses(member=member).only(*PAGE_FIELDS, "summary", "estimated_minutes", "image_id").order_by("path")
    )
    chosen = _prefer(courses, lambda c: c.translation_key, locale_id, default_id)
    return sorted(chosen.values(), key=lambda c: c.path)


def learning_overview(*, member: Member, language: str) -> Overview:
    """Paths (in order, with their courses) and all live courses, with ``member``'s progress,
    in ``language`` where a translation exists."""
    locale_id, default_id, languages = _locale_ids(language)
    courses = _live_courses(member, locale_id, default_id)
    progress = _build_course_progress(member, courses)
    by_key = {p.course.translation_key: p for p in progress}
    paths = LearningPath.objects.prefetch_related(
        Prefetch(
            "path_courses",
            queryset=PathCourse.objects.annotate(course_key=F("course__translation_key")).only(
                "path_id", "course_id", "sort_order"
            ),
        )
    )
    chosen_paths = _prefer(paths, lambda p: p.translation_key, locale_id, default_id)
    path_progress = []
    for path in sorted(chosen_paths.values(), key=lambda p: (p.sort_order, p.title)):
        items = [by_key.get(pc.course_key) for pc in path.path_courses.all()]
        path_progress.append(PathProgress(path=path, courses=[i for i in items if i is not None]))
    return Overview(paths=path_progress, courses=progress, languages=languages)


def course_of(lesson: LessonPage) -> CoursePage:
    """The lesson's course (one query), remembered on the lesson: a page's hooks ask more
    than once."""
    if getattr(lesson, "_course", None) is None:
        lesson._course = CoursePage.objects.get(path=lesson.path[: -LessonPage.steplen])
    return lesson._course


def course_progress(*, member: Member, course: CoursePage) -> CourseProgress:
    return _build_course_progress(member, [course])[0]


def last_attempt(*, member: Member, lesson: LessonPage) -> QuizAttempt | None:
    return QuizAttempt.objects.filter(member=member, lesson_key=lesson.translation_key).first()


def certificate(*, code: str) -> CourseCompletion | None:
    return CourseCompletion.objects.filter(certificate_code=code.strip().upper()).select_related("member").first()


def activity_url(*, key: uuid.UUID, language: str) -> str | None:
    """Where an xAPI activity id (``/learn/activities/<translation key>/``) leads: the live
    page with that key in ``language`` (else in any language), the dashboard for a learning
    path, None for a key of nothing. Two queries at most."""
    pages = {
        page.locale.language_code: page
        for page in Page.objects.live().filter(translation_key=key).select_related("locale")
    }
    page = pages.get(language) or next(iter(pages.values()), None)
    if page is not None:
        return page.url
    if LearningPath.objects.filter(translation_key=key).exists():
        return reverse("learning:dashboard")
    return None


def package_player(*, member: Member, lesson: LessonPage, cmi5_launch=None) -> dict:
    """What the lesson page's package player needs: the standard, the launch address (served
    by ``learning.views.package_file``), the runtime's endpoint and the data model values to
    start from (the member's earlier ones, so the package resumes; two queries)."""
    package = lesson.package
    launch, _sep, query = package.launch.partition("?")
    attempt = PackageAttempt.objects.filter(member=member, lesson_key=lesson.translation_key).first()
    data = dict(attempt.data) if attempt else {}
    name = member.display_name or member.get_full_name() or ""
    if package.standard == "scorm12":
        data.update(
            {
                "cmi.core.student_id": str(member.pk),
                "cmi.core.student_name": name,
                "cmi.core.entry": "resume" if attempt else "ab-initio",
                "cmi.core.credit": "credit",
                "cmi.core.lesson_mode": "normal",
            }
        )
        data.setdefault("cmi.core.lesson_status", "not attempted")
    else:
        data.update(
            {
                "cmi.learner_id": str(member.pk),
                "cmi.learner_name": name,
                "cmi.entry": "resume" if attempt else "ab-initio",
                "cmi.credit": "credit",
                "cmi.mode": "normal",
                "cmi._version": "1.0",
            }
        )
        data.setdefault("cmi.completion_status", "unknown")
        data.setdefault("cmi.success_status", "unknown")
    if cmi5_launch is not None:
        base = settings.BASE_URL.rstrip("/")
        actor = {"objectType": "Agent", "account": {"homePage": base, "name": str(member.pk)}}
        query = urlencode(
            {
                "endpoint": f"{base}/learn/cmi5/",
                "fetch": base + reverse("learning:cmi5_fetch", args=[cmi5_launch.fetch_code]),
                "actor": json.dumps(actor, separators=(",", ":")),
                "registration": str(cmi5_launch.registration),
                "activityId": package.activity_id,
            }
        ) + (f"&{query}" if query else "")
    return {
        "standard": package.standard,
        "launch_url": reverse("learning:package_file", args=[lesson.pk, launch]) + (f"?{query}" if query else ""),
        "runtime_url": reverse("learning:package_runtime", args=[lesson.pk]),
        "state": data,
        "attempt": attempt,
    }
