"""The prerequisite chooser offers the courses of the page's own language; a course in
another language is refused with a form error; a translation gets the translations."""

import pytest
from wagtail.models import Locale

from courses.models import CoursePage
from people.models import Role
from tests.factories import MemberFactory, course_index, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses():
    index = course_index()
    basics = make_course("Basics", lessons=1)
    advanced = make_course("Advanced", lessons=1, prerequisites=[basics])
    other = Locale.objects.exclude(pk=basics.locale_id).first() or Locale.objects.create(
        language_code="en" if basics.locale.language_code != "en" else "nl"
    )
    basics_translated = basics.copy_for_translation(other, copy_parents=True)
    basics_translated.save_revision().publish()
    return index, basics, advanced, basics_translated


def form_for(course, data=None):
    form_class = CoursePage.get_edit_handler().get_form_class()
    return form_class(
        data,
        instance=course,
        parent_page=course.get_parent(),
        for_user=MemberFactory(role=Role.MASTER),
    )


def test_chooser_offers_own_language_only(courses):
    _index, basics, advanced, basics_translated = courses
    offered = set(form_for(advanced).fields["prerequisites"].queryset)
    assert basics in offered
    assert basics_translated not in offered
    assert advanced not in offered  # never itself


def test_other_language_prerequisite_is_a_form_error(courses):
    _index, basics, advanced, basics_translated = courses
    data = {
        "title": advanced.title,
        "slug": advanced.slug,
        "summary": advanced.summary,
        "estimated_minutes": "20",
        "prerequisites": [str(basics_translated.pk)],
        "audience": "everyone",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    form = form_for(advanced, data)
    assert not form.is_valid()
    assert "prerequisites" in form.errors
    data["prerequisites"] = [str(basics.pk)]
    form = form_for(advanced, data)
    assert form.is_valid(), form.errors


def test_translation_gets_translated_prerequisites(courses):
    _index, basics, advanced, basics_translated = courses
    advanced_translated = advanced.copy_for_translation(basics_translated.locale)
    fresh = CoursePage.objects.get(pk=advanced_translated.pk)
    assert list(fresh.prerequisites.all()) == [basics_translated]
    assert list(fresh.get_latest_revision_as_object().prerequisites.all()) == [basics_translated]
    fresh.save_revision().publish()  # valid: no course of another language
