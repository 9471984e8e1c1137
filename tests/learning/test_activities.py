"""An xAPI activity id is a stable address of the site: it leads to the page in the member's
language (or to the dashboard for a learning path), 404 for a key of nothing, login first."""

import uuid

import pytest

from tests.events.factories import SessionFactory
from tests.factories import lessons_of, make_course, make_path

pytestmark = pytest.mark.django_db


def test_an_activity_id_leads_to_its_page(client, member, django_assert_max_num_queries):
    client.force_login(member)
    course = make_course(lessons=1)
    lesson = lessons_of(course)[0]
    session = SessionFactory()
    path = make_path([course])
    for key, target in (
        (lesson.translation_key, lesson.url),
        (course.translation_key, course.url),
        (session.translation_key, session.url),
        (path.translation_key, "/learn/"),
    ):
        client.get(f"/learn/activities/{key}/")  # warm per-process caches (the site's root paths)
        with django_assert_max_num_queries(8):
            response = client.get(f"/learn/activities/{key}/")
        assert response.status_code == 302 and response["Location"] == target


def test_an_unknown_activity_is_404_and_visitors_log_in_first(client, member):
    key = lessons_of(make_course(lessons=1))[0].translation_key
    response = client.get(f"/learn/activities/{key}/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(member)
    assert client.get(f"/learn/activities/{uuid.uuid4()}/").status_code == 404
