"""A cmi5 AU as a lesson: the launch URL carries endpoint, fetch, actor, registration and
activityId; the fetch URL hands out the auth token once; the AU's statements (initialized,
passed with a score, completed, terminated) complete the lesson through the same services;
a failure is recorded; statements of someone else or without the token are refused."""

import base64
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from gamification.models import PointsEntry
from learning.models import CourseCompletion, LessonCompletion, PackageAttempt
from tests.courses.package_zips import attach, cmi5, make_package
from tests.factories import lessons_of, make_course

pytestmark = pytest.mark.django_db

AU = "https://example.org/au/1"
ADL = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def cmi5_lesson():
    return attach(lessons_of(make_course(lessons=1))[0], make_package(cmi5()))


def launch(client, lesson) -> dict:
    html = client.get(lesson.url).content.decode()
    src = unescape(re.search(r'<iframe data-src="([^"]+)"', html).group(1))
    parts = urlsplit(src)
    assert parts.path == f"/learn/lessons/{lesson.pk}/package/files/au.html"
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


def statement(params, verb, **extra):
    return {
        "actor": json.loads(params["actor"]),
        "verb": {"id": ADL + verb},
        "object": {"id": params["activityId"], "objectType": "Activity"},
        "context": {"registration": params["registration"]},
        **extra,
    }


def send(client, token, statements):
    return client.post(
        "/learn/cmi5/statements",
        json.dumps(statements),
        content_type="application/json",
        headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
    )


def test_a_cmi5_au_is_launched_fetches_once_and_completes_the_lesson(client, member, cmi5_lesson):
    client.force_login(member)
    params = launch(client, cmi5_lesson)
    assert params["activityId"] == AU and params["endpoint"].endswith("/learn/cmi5/")
    assert json.loads(params["actor"])["account"]["name"] == str(member.pk)
    fetch = urlsplit(params["fetch"]).path
    au = client.__class__()  # the AU calls with its token, not the member's session
    token = au.post(fetch).json()["auth-token"]
    again = au.post(fetch)
    assert again.status_code == 409 and again.json()["error-code"] == "1"
    assert base64.b64decode(token).startswith(b"cmi5:")
    state = au.get(
        "/learn/cmi5/activities/state", {"stateId": "LMS.LaunchData"}, headers={"Authorization": f"Basic {token}"}
    )
    assert state.json()["launchMode"] == "Normal"
    response = send(
        au,
        token,
        [
            statement(params, "initialized"),
            statement(params, "passed", result={"score": {"scaled": 0.9}, "success": True}),
            statement(params, "completed", result={"completion": True}),
            statement(params, "terminated"),
        ],
    )
    assert response.status_code == 200 and len(response.json()) == 4
    assert LessonCompletion.objects.filter(member=member).count() == 1
    assert CourseCompletion.objects.filter(member=member).count() == 1
    assert send(au, token, [statement(params, "completed")]).status_code == 200
    assert PointsEntry.objects.filter(member=member, action="lesson_completed").count() == 1
    assert PackageAttempt.objects.get(member=member).score_scaled == 0.9


def test_a_failed_au_is_recorded_and_the_wrong_caller_refused(client, member, cmi5_lesson):
    client.force_login(member)
    params = launch(client, cmi5_lesson)
    au = client.__class__()
    token = au.post(urlsplit(params["fetch"]).path).json()["auth-token"]
    response = send(au, token, [statement(params, "failed", result={"score": {"scaled": 0.3}, "success": False})])
    assert response.status_code == 200
    attempt = PackageAttempt.objects.get(member=member)
    assert (attempt.success, attempt.score_scaled) == ("failed", 0.3)
    assert not LessonCompletion.objects.exists()
    assert send(au, "bm90OmF0b2tlbg==", [statement(params, "completed")]).status_code == 401
    someone_else = dict(statement(params, "completed"), actor={"account": {"homePage": "x", "name": "999"}})
    refused = send(au, token, [someone_else])
    assert refused.status_code == 400 and refused.json()["code"] == "cmi5_statement_refused"
    other_registration = statement(
        params, "completed", context={"registration": "00000000-0000-0000-0000-000000000000"}
    )
    assert send(au, token, [other_registration]).status_code == 400
    assert not LessonCompletion.objects.exists()


def test_an_unknown_fetch_code_and_a_lesson_the_member_may_no_longer_see(client, member, cmi5_lesson):
    assert client.post("/learn/cmi5/fetch/nope/").status_code == 404
    client.force_login(member)
    params = launch(client, cmi5_lesson)
    token = client.__class__().post(urlsplit(params["fetch"]).path).json()["auth-token"]
    cmi5_lesson.unpublish()
    assert send(client.__class__(), token, [statement(params, "completed")]).status_code == 401
