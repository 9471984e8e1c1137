"""Fixtures of the API contract tests (``test_api_contract*.py``): a lesson with a quiz, and the
demo's shape of a path of two courses where the second needs the first."""

import pytest

from people.models import Role
from tests.factories import lessons_of, make_course, make_path


@pytest.fixture
def quiz_lesson(db):
    course = make_course("Quizzed", lessons=2, quiz_on=[1])
    return lessons_of(course)[1]


@pytest.fixture
def ladder(db):
    """The seeded shape: a path of two courses, the second needing the first."""
    basics = make_course("Basics of sharing", lessons=2, quiz_on=[1])
    advanced = make_course("Advanced storytelling", lessons=1, prerequisites=[basics])
    path = make_path([basics, advanced], title="Ambassador to Creator", target_role=Role.CREATOR)
    return basics, advanced, path
