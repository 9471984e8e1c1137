"""The REST API contract (/api/v1/), through DRF's APIClient against real Wagtail page trees."""

from urllib.parse import urlparse

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from learning.models import LessonCompletion, QuizAttempt
from people.models import Role
from tests.cms.api_contract import assert_detail, finish_course, token_client
from tests.factories import (
    PASSWORD,
    correct_answers,
    lessons_of,
    make_course,
    make_path,
)

pytestmark = pytest.mark.django_db


# --- auth --------------------------------------------------------------------------------


def test_token_login_then_me(anon_api, make_member):
    member = make_member(email="ann@example.com", display_name="Ann", role=Role.AMBASSADOR, language="en")
    response = anon_api.post("/api/v1/auth/token/", {"email": "Ann@Example.com", "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    key = response.json()["token"]
    assert Token.objects.get(user=member).key == key

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    me = client.get("/api/v1/me/")
    assert me.status_code == 200
    data = me.json()
    assert data["id"] == member.pk
    assert data["email"] == "ann@example.com"
    assert data["name"] == "Ann"
    assert data["role"] == "ambassador"
    assert data["language"] == "en"


def test_same_token_on_second_login(anon_api, member):
    first = anon_api.post("/api/v1/auth/token/", {"email": member.email, "password": PASSWORD}, format="json")
    second = anon_api.post("/api/v1/auth/token/", {"email": member.email, "password": PASSWORD}, format="json")
    assert first.json()["token"] == second.json()["token"]
    assert Token.objects.filter(user=member).count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "member@example.com", "password": "wrong"},
        {"email": "nobody@example.com", "password": PASSWORD},
        {"email": "not-an-email", "password": PASSWORD},
        {"email": "member@example.com"},
        {},
    ],
)
def test_bad_login_is_400_with_detail(anon_api, make_member, payload):
    make_member(email="member@example.com")
    response = anon_api.post("/api/v1/auth/token/", payload, format="json")
    assert_detail(response, 400)
    assert "token" not in response.json()


def test_inactive_member_gets_no_token(anon_api, make_member):
    member = make_member(is_active=False)
    response = anon_api.post("/api/v1/auth/token/", {"email": member.email, "password": PASSWORD}, format="json")
    assert_detail(response, 400)


@pytest.mark.parametrize("url", ["/api/v1/me/", "/api/v1/courses/", "/api/v1/me/progress/", "/api/v1/notifications/"])
def test_anonymous_is_refused_with_json(anon_api, url):
    response = anon_api.get(url)
    assert_detail(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


def test_bad_token_is_refused(anon_api):
    anon_api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = anon_api.get("/api/v1/me/")
    assert_detail(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "authentication_failed"


def test_a_signed_in_member_who_may_not_is_still_refused_with_403(api):
    """401 is for who we do not know; a known member without the right gets 403."""
    response = api.get("/api/v1/reports/participation/")
    assert_detail(response, 403)
    assert "WWW-Authenticate" not in response


def test_failed_logins_are_limited_per_account(anon_api, member):
    """Failed attempts only (tests/people/test_login_limits.py has the whole story)."""
    for _ in range(5):
        response = anon_api.post("/api/v1/auth/token/", {"email": member.email, "password": "wrong"}, format="json")
        assert response.status_code == 400
    response = anon_api.post("/api/v1/auth/token/", {"email": member.email, "password": PASSWORD}, format="json")
    assert_detail(response, 429)
    assert response.json()["code"] == "too_many_login_attempts"


def test_me_patch_changes_name_and_language_only(make_member):
    member = make_member(language="en", role=Role.AMBASSADOR)
    client = token_client(member)
    response = client.patch(
        "/api/v1/me/", {"display_name": "New Name", "language": "nl", "role": "master", "is_hr": True}, format="json"
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.display_name, member.language, member.role, member.is_hr) == ("New Name", "nl", "ambassador", False)
    assert_detail(client.patch("/api/v1/me/", {"language": "de"}, format="json"), 400)


# --- paths and courses -------------------------------------------------------------------


def test_paths_list_ordered_courses_with_my_progress(api, member, ladder):
    basics, advanced, path = ladder
    api.post(f"/api/v1/lessons/{lessons_of(basics)[0].pk}/complete/")
    response = api.get("/api/v1/paths/")
    assert response.status_code == 200
    [item] = response.json()
    assert item["id"] == path.pk
    assert item["title"] == "Ambassador to Creator"
    assert item["target_role"] == "creator"
    assert [c["id"] for c in item["courses"]] == [basics.pk, advanced.pk]
    assert (item["lessons_done"], item["lessons_total"], item["percent"], item["completed"]) == (1, 3, 33, False)
    first, second = item["courses"]
    assert (first["lessons_done"], first["lessons_total"], first["percent"], first["completed"]) == (1, 2, 50, False)
    assert first["locked"] is False and first["locked_reason"] is None
    assert second["locked"] is True and "Basics of sharing" in second["locked_reason"]


def test_path_course_order_follows_sort_order(api):
    first = make_course("First")
    second = make_course("Second")
    make_path([second, first], title="Reversed")
    [item] = api.get("/api/v1/paths/").json()
    assert [c["title"] for c in item["courses"]] == ["Second", "First"]


def test_courses_list_and_detail_with_completed_lessons(api, member):
    course = make_course("Writing posts", lessons=3)
    lessons = lessons_of(course)
    api.post(f"/api/v1/lessons/{lessons[1].pk}/complete/")

    listing = api.get("/api/v1/courses/")
    assert listing.status_code == 200
    [item] = [c for c in listing.json() if c["id"] == course.pk]
    assert (item["lessons_done"], item["lessons_total"], item["completed"]) == (1, 3, False)
    assert item["next_lesson"] == lessons[0].pk

    detail = api.get(f"/api/v1/courses/{course.pk}/")
    assert detail.status_code == 200
    data = detail.json()
    assert data["title"] == "Writing posts"
    assert [lesson["id"] for lesson in data["lessons"]] == [lesson.pk for lesson in lessons]
    assert [lesson["completed"] for lesson in data["lessons"]] == [False, True, False]
    assert all(lesson["url"] for lesson in data["lessons"])


def test_completed_flags_are_per_member(api, make_member):
    course = make_course("Mine", lessons=1)
    other = make_member()
    token_client(other).post(f"/api/v1/lessons/{lessons_of(course)[0].pk}/complete/")
    data = api.get(f"/api/v1/courses/{course.pk}/").json()
    assert data["lessons"][0]["completed"] is False
    assert data["completed"] is False


def test_unknown_course_is_404_json(api):
    assert_detail(api.get("/api/v1/courses/999999/"), 404)


def test_unpublished_course_is_404_and_not_listed(api):
    course = make_course("Draft soon")
    course.unpublish()
    assert_detail(api.get(f"/api/v1/courses/{course.pk}/"), 404)
    assert course.pk not in [c["id"] for c in api.get("/api/v1/courses/").json()]


def test_unpublished_lesson_is_404(api):
    lesson = lessons_of(make_course("Course", lessons=2))[0]
    lesson.unpublish()
    assert_detail(api.post(f"/api/v1/lessons/{lesson.pk}/complete/"), 404)


def test_a_course_page_id_is_not_a_lesson(api):
    course = make_course("Course")
    assert_detail(api.post(f"/api/v1/lessons/{course.pk}/complete/"), 404)


def test_enrol(api, member, ladder):
    basics, advanced, _path = ladder
    response = api.post(f"/api/v1/courses/{basics.pk}/enrol/")
    assert response.status_code == 200
    assert response.json() == {"enrolled": True}
    assert "Basics of sharing" in assert_detail(api.post(f"/api/v1/courses/{advanced.pk}/enrol/"), 403)


# --- lessons -----------------------------------------------------------------------------


def test_complete_lesson_is_idempotent(api, member):
    lesson = lessons_of(make_course("Course", lessons=2))[0]
    first = api.post(f"/api/v1/lessons/{lesson.pk}/complete/")
    assert first.status_code == 200
    assert first.json()["completed"] is True
    assert first.json()["course_completed"] is False
    second = api.post(f"/api/v1/lessons/{lesson.pk}/complete/")
    assert second.status_code == 200
    assert second.json()["completed"] is True
    assert LessonCompletion.objects.filter(member=member, lesson_key=lesson.translation_key).count() == 1


def test_locked_course_until_prerequisite_done(api, member, ladder):
    basics, advanced, _path = ladder
    locked_lesson = lessons_of(advanced)[0]
    reason = assert_detail(api.post(f"/api/v1/lessons/{locked_lesson.pk}/complete/"), 403)
    assert "Basics of sharing" in reason
    assert not LessonCompletion.objects.filter(member=member, lesson_key=locked_lesson.translation_key).exists()

    detail = api.get(f"/api/v1/courses/{advanced.pk}/").json()
    assert detail["locked"] is True
    assert "Basics of sharing" in detail["locked_reason"]

    finish_course(api, basics)
    assert api.get(f"/api/v1/courses/{advanced.pk}/").json()["locked"] is False
    response = api.post(f"/api/v1/lessons/{locked_lesson.pk}/complete/")
    assert response.status_code == 200
    assert response.json()["course_completed"] is True


def test_locked_quiz_is_403_until_prerequisite_done(api, member):
    first = make_course("First steps", lessons=1)
    second = make_course("Second steps", lessons=1, quiz_on=[0], prerequisites=[first])
    quiz_lesson = lessons_of(second)[0]
    assert "First steps" in assert_detail(api.get(f"/api/v1/lessons/{quiz_lesson.pk}/quiz/"), 403)
    attempt = api.post(
        f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/", {"answers": correct_answers(quiz_lesson)}, format="json"
    )
    assert "First steps" in assert_detail(attempt, 403)
    assert not QuizAttempt.objects.filter(member=member).exists()

    finish_course(api, first)
    assert api.get(f"/api/v1/lessons/{quiz_lesson.pk}/quiz/").status_code == 200
    attempt = api.post(
        f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/", {"answers": correct_answers(quiz_lesson)}, format="json"
    )
    assert attempt.status_code == 201
    assert attempt.json()["course_completed"] is True


# --- progress, certificates, promotion ---------------------------------------------------


def test_progress_and_certificate(api, member, client, ladder):
    basics, advanced, path = ladder
    before = api.get("/api/v1/me/progress/")
    assert before.status_code == 200
    data = before.json()
    [path_item] = data["paths"]
    assert path_item["id"] == path.pk
    assert (path_item["lessons_done"], path_item["lessons_total"], path_item["completed"]) == (0, 3, False)
    by_id = {c["id"]: c for c in data["courses"]}
    assert (by_id[basics.pk]["lessons_done"], by_id[basics.pk]["lessons_total"]) == (0, 2)
    assert by_id[basics.pk]["completed"] is False
    assert by_id[basics.pk]["certificate_url"] is None
    assert [c["certificate_url"] for c in path_item["courses"]] == [None, None]

    last = finish_course(api, basics)
    assert last.json()["course_completed"] is True

    after = api.get("/api/v1/me/progress/").json()
    course = {c["id"]: c for c in after["courses"]}[basics.pk]
    assert (course["lessons_done"], course["lessons_total"], course["percent"], course["completed"]) == (
        2,
        2,
        100,
        True,
    )
    url = course["certificate_url"]
    assert url and url.startswith("http")
    assert after["paths"][0]["courses"][0]["certificate_url"] == url
    assert (after["paths"][0]["lessons_done"], after["paths"][0]["completed"]) == (2, False)

    code = urlparse(url).path.rstrip("/").rsplit("/", 1)[-1]
    page = client.get(urlparse(url).path)  # anonymous: certificates are public
    assert page.status_code == 200
    assert code in page.content.decode()


def test_completing_a_lesson_returns_the_certificate_url(api, member):
    course = make_course("One lesson", lessons=1)
    response = api.post(f"/api/v1/lessons/{lessons_of(course)[0].pk}/complete/")
    data = response.json()
    assert data["course_completed"] is True
    assert data["certificate_url"].startswith("http")
    progress = {c["id"]: c for c in api.get("/api/v1/me/progress/").json()["courses"]}
    assert progress[course.pk]["certificate_url"] == data["certificate_url"]


def test_finishing_the_path_promotes_an_ambassador(make_member, ladder):
    basics, advanced, _path = ladder
    member = make_member(role=Role.AMBASSADOR)
    client = token_client(member)
    finish_course(client, basics)
    assert client.get("/api/v1/me/").json()["role"] == "ambassador"
    response = client.post(f"/api/v1/lessons/{lessons_of(advanced)[0].pk}/complete/")
    assert response.json()["promoted_to"] == "creator"
    assert client.get("/api/v1/me/").json()["role"] == "creator"
    progress = client.get("/api/v1/me/progress/").json()
    assert progress["paths"][0]["completed"] is True
    # Once only: completing again changes nothing.
    again = client.post(f"/api/v1/lessons/{lessons_of(advanced)[0].pk}/complete/")
    assert again.json()["promoted_to"] is None


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MASTER, Role.ACTIVATOR, Role.CREATOR])
def test_finishing_the_path_never_demotes(make_member, ladder, role):
    basics, advanced, _path = ladder
    member = make_member(role=role)
    client = token_client(member)
    finish_course(client, basics)
    response = finish_course(client, advanced)
    assert response.json()["course_completed"] is True
    assert response.json()["promoted_to"] is None
    assert client.get("/api/v1/me/").json()["role"] == role.value
    member.refresh_from_db()
    assert member.role == role


# --- notifications -----------------------------------------------------------------------
