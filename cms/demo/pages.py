"""The demo's page tree, built from the data files (``cms.demo.content``): the Dutch home
page and its English translation, the course overview, every course with its lessons and
quizzes in both languages, and the learning paths.

Idempotent: a page that exists is found by its slug and updated, never made twice. Block
ids are derived from the course, the lesson and the block's place, so they are the same in
both languages (quiz attempts mean the same in Dutch and English) and on every run.
"""

import uuid

from wagtail.models import Locale, Page, Site

from cms.demo.content import DemoContent, load
from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LearningPath, LessonPage, PathCourse

ID_NAMESPACE = uuid.UUID("5b0c2d55-6a7e-4c59-9d0e-3c1f6f0f8a10")


def seed(nl: Locale, en: Locale, content: DemoContent | None = None) -> dict[str, tuple[CoursePage, CoursePage]]:
    """Build or update the tree; returns every course's Dutch and English page by slug."""
    content = content or load()
    home_nl, _home_en = home(content.site["home"], nl, en)
    courses = build_courses(content, home_nl, nl, en)
    for spec in content.paths:
        path(spec, courses, nl, en)
    return courses


def block_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))


def lesson_body(course_slug: str, lesson: dict, lang: str) -> list:
    body = []
    for i, block in enumerate(lesson["body"]):
        kind, value = block["type"], block["value"]
        if kind == "heading" or kind == "paragraph":
            raw = value[lang]
        elif kind == "tip":
            raw = {"kind": "tip", "text": value[lang]}
        elif kind == "assignment":
            raw = {"title": value["title"][lang], "instructions": value["instructions"][lang]}
        else:
            raise ValueError(f"Unknown block type {kind}")
        body.append({"type": kind, "value": raw, "id": block_id(course_slug, lesson["slug"], i)})
    quiz = lesson.get("quiz")
    if quiz:
        questions = []
        for q, question in enumerate(quiz["questions"]):
            choices = [
                {
                    "type": "item",
                    "id": block_id(course_slug, lesson["slug"], "q", q, "c", c),
                    "value": {
                        "text": choice["text"][lang],
                        "correct": choice["correct"],
                        "explanation": choice["explanation"][lang],
                    },
                }
                for c, choice in enumerate(question["choices"])
            ]
            questions.append(
                {
                    "type": "item",
                    "id": block_id(course_slug, lesson["slug"], "q", q),
                    "value": {"kind": question["kind"], "text": question["text"][lang], "choices": choices},
                }
            )
        body.append(
            {
                "type": "quiz",
                "id": block_id(course_slug, lesson["slug"], "quiz"),
                "value": {"intro": "", "pass_mark": quiz["pass_mark"], "questions": questions},
            }
        )
    return body


def publish(page):
    page.save_revision().publish()
    return page


def translate(page_nl, en, **fields):
    page_en = page_nl.get_translation_or_none(en)
    if page_en is None:
        page_en = page_nl.copy_for_translation(en)
    for name, value in fields.items():
        setattr(page_en, name, value)
    return publish(page_en)


def home(spec: dict, nl: Locale, en: Locale) -> tuple[HomePage, HomePage]:
    home_nl = HomePage.objects.filter(locale=nl).first()
    if home_nl is None:
        root = Page.get_first_root_node()
        home_nl = root.add_child(instance=HomePage(title=spec["title"]["nl"], slug="home", locale=nl))
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home_nl, "hostname": "localhost"})
    home_nl.intro = spec["intro"]["nl"]
    publish(home_nl)
    home_en = home_nl.get_translation_or_none(en)
    if home_en is None:
        home_en = home_nl.copy_for_translation(en)
    home_en.title, home_en.intro = spec["title"]["en"], spec["intro"]["en"]
    publish(home_en)
    return home_nl, home_en


def build_courses(
    content: DemoContent, home_nl: HomePage, nl: Locale, en: Locale
) -> dict[str, tuple[CoursePage, CoursePage]]:
    index_spec = content.site["course_index"]
    index_nl = CourseIndexPage.objects.filter(locale=nl, slug=index_spec["slug"]).first()
    if index_nl is None:
        index_nl = home_nl.add_child(instance=CourseIndexPage(title=index_spec["title"]["nl"], slug=index_spec["slug"]))
        publish(index_nl)
    translate(index_nl, en, title=index_spec["title"]["en"])
    by_slug = {}
    for spec in content.courses:
        course_nl = CoursePage.objects.child_of(index_nl).filter(slug=spec["slug"]).first()
        if course_nl is None:
            course_nl = index_nl.add_child(
                instance=CoursePage(
                    title=spec["title"]["nl"],
                    slug=spec["slug"],
                    summary=spec["summary"]["nl"],
                    estimated_minutes=spec["estimated_minutes"],
                )
            )
            course_nl.prerequisites.set([by_slug[s][0] for s in spec["prerequisites"]])
            publish(course_nl)
        course_en = translate(
            course_nl,
            en,
            title=spec["title"]["en"],
            summary=spec["summary"]["en"],
            estimated_minutes=spec["estimated_minutes"],
        )
        if spec["prerequisites"]:
            course_en.prerequisites.set([by_slug[s][1] for s in spec["prerequisites"]])
            publish(course_en)
        for lesson in spec["lessons"]:
            lesson_nl = LessonPage.objects.child_of(course_nl).filter(slug=lesson["slug"]).first()
            if lesson_nl is None:
                lesson_nl = course_nl.add_child(
                    instance=LessonPage(
                        title=lesson["title"]["nl"],
                        slug=lesson["slug"],
                        body=lesson_body(spec["slug"], lesson, "nl"),
                    )
                )
                publish(lesson_nl)
            translate(lesson_nl, en, title=lesson["title"]["en"], body=lesson_body(spec["slug"], lesson, "en"))
        by_slug[spec["slug"]] = (course_nl, course_en)
    return by_slug


def path(spec: dict, courses: dict[str, tuple[CoursePage, CoursePage]], nl: Locale, en: Locale) -> None:
    for locale, index in ((nl, 0), (en, 1)):
        lang = locale.language_code
        source = LearningPath.objects.filter(locale=nl, title=spec["title"]["nl"]).first()
        learning_path = LearningPath.objects.filter(locale=locale, title=spec["title"][lang]).first()
        if learning_path is not None:
            continue
        learning_path = LearningPath(
            title=spec["title"][lang], intro=spec["intro"][lang], target_role=spec["target_role"], locale=locale
        )
        if source is not None:
            learning_path.translation_key = source.translation_key
        learning_path.save()
        for order, course_spec in enumerate(spec["courses"]):
            PathCourse.objects.create(path=learning_path, course=courses[course_spec["slug"]][index], sort_order=order)
