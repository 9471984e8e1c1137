"""The REST API contract (/api/v1/) for notifications and for errors: JSON with a detail for
every refusal, unrouted paths and ids beyond 64 bits answered cleanly."""

import pytest
from django.conf import settings
from django.utils import translation

from people.models import Notification
from tests.cms.api_contract import assert_detail, token_client
from tests.factories import (
    lessons_of,
    make_course,
)

pytestmark = pytest.mark.django_db


def test_notifications_are_mine_and_paginated(api, member, make_member):
    other = make_member()
    mine = [Notification.objects.create(member=member, kind="test", title=f"Mine {i}") for i in range(3)]
    Notification.objects.create(member=other, kind="test", title="Someone else's")
    response = api.get("/api/v1/notifications/")
    assert response.status_code == 200
    data = response.json()
    assert {"count", "next", "previous", "results"} <= data.keys()
    assert data["count"] == 3
    assert {n["id"] for n in data["results"]} == {n.pk for n in mine}
    assert all(n["read"] is False for n in data["results"])

    page = api.get("/api/v1/notifications/", {"page_size": 2}).json()
    assert len(page["results"]) == 2 and page["next"]
    assert_detail(api.get("/api/v1/notifications/", {"page": 99}), 404)


def test_mark_read(api, member, make_member):
    other = make_member()
    mine = [Notification.objects.create(member=member, kind="test", title=f"Mine {i}") for i in range(3)]
    theirs = Notification.objects.create(member=other, kind="test", title="Theirs")
    response = api.post("/api/v1/notifications/mark-read/", {"ids": [mine[0].pk, theirs.pk]}, format="json")
    assert response.status_code == 200
    assert response.json() == {"marked": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert api.post("/api/v1/notifications/mark-read/", {}, format="json").json() == {"marked": 2}
    assert api.post("/api/v1/notifications/mark-read/", {}, format="json").json() == {"marked": 0}
    assert all(n["read"] for n in api.get("/api/v1/notifications/").json()["results"])


@pytest.mark.parametrize("ids", ["1,2", 5, [1, "x"], [[1]], {"a": 1}, [1.5]])
def test_mark_read_with_bad_ids_is_400(api, member, ids):
    Notification.objects.create(member=member, kind="test", title="Unread")
    assert_detail(api.post("/api/v1/notifications/mark-read/", {"ids": ids}, format="json"), 400)
    assert Notification.objects.get(member=member).read_at is None


def test_course_completion_notifies_me(api, member):
    course = make_course("Notify me", lessons=1)
    api.post(f"/api/v1/lessons/{lessons_of(course)[0].pk}/complete/")
    results = api.get("/api/v1/notifications/").json()["results"]
    assert [n["kind"] for n in results] == ["course_completed"]
    assert results[0]["url"].startswith("/certificates/")


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/api/v1/courses/999999/"),
        ("post", "/api/v1/courses/999999/enrol/"),
        ("post", "/api/v1/lessons/999999/complete/"),
        ("get", "/api/v1/lessons/999999/quiz/"),
        ("post", "/api/v1/lessons/999999/quiz/attempts/"),
        ("delete", "/api/v1/courses/"),
        ("put", "/api/v1/me/"),
    ],
)
def test_errors_are_json_with_detail(api, method, url):
    response = getattr(api, method)(url, {}, format="json")
    assert response.status_code in (404, 405)
    assert_detail(response, response.status_code)


@pytest.mark.parametrize("url", ["/api/v1/nope/", "/api/v1/courses/abc/", "/api/v1/courses/-1/"])
def test_unrouted_api_paths_answer_json(api, url):
    assert_detail(api.get(url), 404)


@pytest.mark.parametrize(
    "method, url, body",
    [
        ("get", f"/api/v1/courses/{2**63}/", None),
        ("post", f"/api/v1/lessons/{2**63}/complete/", None),
        ("post", "/api/v1/notifications/mark-read/", {"ids": [2**63]}),
    ],
)
def test_ids_beyond_64_bits_answer_cleanly(api, method, url, body):
    response = getattr(api, method)(url, body, format="json")
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response.json() == {"marked": 0}


def test_mark_read_takes_json_only_as_the_schema_says(api, member):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    body = schema["paths"]["/api/v1/notifications/mark-read/"]["post"]["requestBody"]["content"]
    assert list(body) == ["application/json"]
    notification = Notification.objects.create(member=member, kind="test", title="Unread")
    response = api.post("/api/v1/notifications/mark-read/", {"ids": [notification.pk]}, format="multipart")
    assert response.status_code == 415 and "detail" in response.json()
    response = api.post("/api/v1/notifications/mark-read/", {"ids": [notification.pk]}, format="json")
    assert response.json() == {"marked": 1}


def _other_language():
    return "en" if settings.LANGUAGE_CODE != "en" else "nl"


def test_token_api_speaks_the_members_language(make_member, quiz_lesson):
    language = _other_language()
    member = make_member(language=language)
    response = token_client(member).post(
        f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/", {"answers": {}}, format="json"
    )
    with translation.override(language):
        expected = translation.gettext("Please answer question %(number)s.") % {"number": 1}
    assert assert_detail(response, 400) == expected
