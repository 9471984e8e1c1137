"""The page tree built from the real data files: every course and lesson in Dutch with its
English translation, quizzes Wagtail accepts and that grade, the learning path in both
languages, and a second build that adds nothing."""

import pytest
from django.db import transaction
from wagtail.models import Locale, Page

from cms.demo import pages
from cms.demo.content import load
from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LearningPath, LessonPage
from courses.quiz import grade

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    """The tree built once for this module, and rolled back after it (a build takes seconds)."""
    with django_db_blocker.unblock(), transaction.atomic():
        nl, _ = Locale.objects.get_or_create(language_code="nl")
        en, _ = Locale.objects.get_or_create(language_code="en")
        demo = load()
        yield (nl, en), demo, pages.seed(nl, en, demo)
        transaction.set_rollback(True)


@pytest.fixture
def locales(tree):
    return tree[0]


@pytest.fixture
def demo(tree):
    return tree[1]


@pytest.fixture
def built(tree):
    return tree[2]


def correct_answers(quiz):
    return {
        question.id: [choice.id for choice in question.value["choices"].bound_blocks if choice.value["correct"]]
        for question in quiz["questions"].bound_blocks
    }


def wrong_answers(quiz):
    return {
        question.id: [next(c.id for c in question.value["choices"].bound_blocks if not c.value["correct"])]
        for question in quiz["questions"].bound_blocks
    }


def test_every_course_and_lesson_is_a_page_in_dutch_and_english(built, demo, locales):
    nl, en = locales
    index = CourseIndexPage.objects.get(locale=nl, slug=demo.site["course_index"]["slug"])
    assert index.get_parent().specific_class is HomePage
    assert index.get_translation(en).title == demo.site["course_index"]["title"]["en"]
    assert [course.slug for course in CoursePage.objects.child_of(index).order_by("path")] == [
        spec["slug"] for spec in demo.courses
    ]
    for spec in demo.courses:
        course_nl, course_en = (CoursePage.objects.get(pk=page.pk) for page in built[spec["slug"]])
        assert (course_nl.locale, course_en.locale) == (nl, en)
        assert course_en.translation_key == course_nl.translation_key
        assert (course_nl.title, course_en.title) == (spec["title"]["nl"], spec["title"]["en"])
        assert (course_nl.summary, course_en.summary) == (spec["summary"]["nl"], spec["summary"]["en"])
        assert course_nl.live and course_en.live
        assert [p.slug for p in course_nl.prerequisites.all()] == spec["prerequisites"]
        assert [p.locale for p in course_en.prerequisites.all()] == [en] * len(spec["prerequisites"])
        lessons_nl, lessons_en = list(course_nl.lessons()), list(course_en.lessons())
        assert [lesson.slug for lesson in lessons_nl] == [lesson["slug"] for lesson in spec["lessons"]]
        assert [lesson.translation_key for lesson in lessons_en] == [lesson.translation_key for lesson in lessons_nl]
        for lesson_spec, lesson_nl, lesson_en in zip(spec["lessons"], lessons_nl, lessons_en, strict=True):
            assert (lesson_nl.title, lesson_en.title) == (lesson_spec["title"]["nl"], lesson_spec["title"]["en"])
            assert [b.block_type for b in lesson_nl.body] == [b["type"] for b in lesson_spec["body"]] + ["quiz"]
            # The same block ids in both languages: an attempt means the same in either.
            assert [b.id for b in lesson_en.body] == [b.id for b in lesson_nl.body]


def test_every_lesson_passes_wagtails_own_validation_and_its_quiz_grades(built):
    lessons = LessonPage.objects.all()
    assert lessons.count() == 2 * sum(len(spec["lessons"]) for spec in load().courses)
    for lesson in lessons:
        lesson.full_clean()
        lesson.body.stream_block.clean(lesson.body)  # quiz rules: one correct answer, two for true/false …
        assert lesson.has_quiz
        assert grade(lesson.quiz, correct_answers(lesson.quiz)).passed
        assert not grade(lesson.quiz, wrong_answers(lesson.quiz)).passed


def test_the_learning_path_exists_in_both_languages(built, demo, locales):
    nl, en = locales
    spec = demo.paths[0]
    path_nl = LearningPath.objects.get(locale=nl)
    path_en = LearningPath.objects.get(locale=en)
    assert (path_nl.title, path_en.title) == (spec["title"]["nl"], spec["title"]["en"])
    assert (path_nl.intro, path_en.intro) == (spec["intro"]["nl"], spec["intro"]["en"])
    assert path_nl.translation_key == path_en.translation_key
    assert path_nl.target_role == path_en.target_role == spec["target_role"]
    for path, index in ((path_nl, 0), (path_en, 1)):
        assert [pc.course for pc in path.path_courses.order_by("sort_order")] == [
            built[course["slug"]][index] for course in spec["courses"]
        ]


def test_building_again_adds_nothing(built, demo, locales):
    before = (Page.objects.count(), LearningPath.objects.count(), list(Page.objects.values_list("path", "slug")))
    again = pages.seed(*locales, demo)
    assert (
        Page.objects.count(),
        LearningPath.objects.count(),
        list(Page.objects.values_list("path", "slug")),
    ) == before
    assert {slug: (nl.pk, en.pk) for slug, (nl, en) in again.items()} == {
        slug: (nl.pk, en.pk) for slug, (nl, en) in built.items()
    }
