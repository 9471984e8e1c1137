"""A course with prerequisites opens once they are completed; the reason names them."""

import pytest

from learning import policies, services
from tests.factories import lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_a_course_without_prerequisites_is_open(member):
    assert policies.locked_reason(member=member, course=make_course("Open", lessons=1)) is None


def test_the_reason_names_the_courses_still_to_do_until_they_are_done(member):
    basics, tone = make_course("Basics", lessons=1), make_course("Tone of voice", lessons=1)
    advanced = make_course("Advanced", lessons=1, prerequisites=[basics, tone])
    reason = policies.locked_reason(member=member, course=advanced)
    assert "“Basics”" in reason and "“Tone of voice”" in reason
    services.complete_lesson(member=member, lesson=lessons_of(basics)[0])
    assert policies.locked_reason(member=member, course=advanced) == "Complete “Tone of voice” first."
    services.complete_lesson(member=member, lesson=lessons_of(tone)[0])
    assert policies.locked_reason(member=member, course=advanced) is None


def test_the_message_lists_titles_in_order():
    assert policies.locked_message([]) is None
    assert policies.locked_message(["A", "B"]) == "Complete “A”, “B” first."
