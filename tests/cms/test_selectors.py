"""Where a member starts learning after onboarding."""

import pytest

from cms import selectors
from learning import services as learning_services
from tests.factories import lessons_of, make_course, make_path

pytestmark = pytest.mark.django_db


def test_without_courses_the_learning_dashboard(member):
    assert selectors.first_lesson_url(member=member, language="en") == "/learn/"


def test_the_next_lesson_of_the_path_comes_first(member):
    make_course("Loose", lessons=1)
    first, second = make_course("First", lessons=2), make_course("Second", lessons=1)
    make_path([first, second])
    learning_services.complete_lesson(member=member, lesson=lessons_of(first)[0])
    assert selectors.first_lesson_url(member=member, language="en") == lessons_of(first)[1].url


def test_a_locked_course_is_skipped(member):
    basics = make_course("Basics", lessons=1)
    make_course("Advanced", lessons=1, prerequisites=[basics])
    assert selectors.first_lesson_url(member=member, language="en") == lessons_of(basics)[0].url
