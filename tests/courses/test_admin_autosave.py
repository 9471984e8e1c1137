"""Wagtail 8's autosave creates a new page in the background (a JSON POST to the create
view). A Publish that still posts to the create view afterwards, because the editor had not
yet switched to the page's edit view, must answer with the form and its message, never a
500, and must not make a second page."""

import pytest
from django.urls import reverse

from courses.models import CoursePage
from people.models import Role
from tests.factories import MemberFactory, course_index

pytestmark = pytest.mark.django_db


def course_form(**extra):
    data = {
        "title": "Zichtbaar op LinkedIn",
        "slug": "zichtbaar-op-linkedin",
        "summary": "Zo val je op.",
        "estimated_minutes": "30",
        "audience": "everyone",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_publish_on_the_create_view_after_autosave_created_the_page(client_for):
    index = course_index()
    master = client_for(MemberFactory(role=Role.MASTER, is_superuser=True))
    url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", index.pk))

    autosaved = master.post(url, course_form(), HTTP_ACCEPT="application/json")
    assert autosaved.status_code == 200, autosaved.content[:500]
    assert autosaved.json()["success"] is True, autosaved.json()

    published = master.post(url, course_form(**{"action-publish": "action-publish"}))
    # The form again, saying why: the page the autosave made already has that slug.
    assert published.status_code == 200, published.status_code
    assert "is already in use" in published.content.decode()
    assert CoursePage.objects.filter(slug="zichtbaar-op-linkedin").count() == 1
