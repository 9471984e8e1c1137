"""The REST API contract (/api/v1/), through DRF's APIClient against real Wagtail page trees."""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from learning.models import LessonCompletion, QuizAttempt
from people.models import Notification, Role
from tests.factories import (
    PASSWORD,
    correct_answers,
    lessons_of,
    make_course,
    make_path,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


# --- helpers ---------------------------------------------------------------------------


def token_client(member):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=member)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def assert_detail(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body.get("detail"), str) and body["detail"].strip()
    return body["detail"]


def finish_course(client, course):
    """Complete every lesson of ``course`` through the API (quizzes by passing them)."""
    last = None
    for lesson in lessons_of(course):
        if lesson.has_quiz:
            last = client.post(
                f"/api/v1/lessons/{lesson.pk}/quiz/attempts/", {"answers": correct_answers(lesson)}, format="json"
            )
            assert last.status_code == 201, last.content
            assert last.json()["passed"] is True
        else:
            last = client.post(f"/api/v1/lessons/{lesson.pk}/complete/")
            assert last.status_code == 200, last.content
    return last


def walk_keys(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from walk_keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from walk_keys(item)


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


def test_quiz_lesson_cannot_be_completed_before_passing(api, member, quiz_lesson):
    assert_detail(api.post(f"/api/v1/lessons/{quiz_lesson.pk}/complete/"), 409)
    assert not LessonCompletion.objects.filter(member=member).exists()
    api.post(f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/", {"answers": wrong_answers(quiz_lesson)}, format="json")
    assert_detail(api.post(f"/api/v1/lessons/{quiz_lesson.pk}/complete/"), 409)
    api.post(
        f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/", {"answers": correct_answers(quiz_lesson)}, format="json"
    )
    assert api.post(f"/api/v1/lessons/{quiz_lesson.pk}/complete/").status_code == 200


def test_quiz_hides_correct_answers_and_explanations(api, quiz_lesson):
    response = api.get(f"/api/v1/lessons/{quiz_lesson.pk}/quiz/")
    assert response.status_code == 200
    data = response.json()
    assert len(data["questions"]) == 3
    assert [q["kind"] for q in data["questions"]] == ["single", "multiple", "true_false"]
    assert all(q["id"] and q["text"] and q["choices"] for q in data["questions"])
    assert all(c["id"] and c["text"] for q in data["questions"] for c in q["choices"])
    keys = set(walk_keys(data))
    assert "correct" not in keys
    assert "explanation" not in keys
    assert "About A." not in response.content.decode()


def test_lesson_without_quiz_has_no_quiz(api):
    lesson = lessons_of(make_course("Plain", lessons=1))[0]
    assert_detail(api.get(f"/api/v1/lessons/{lesson.pk}/quiz/"), 404)
    assert_detail(api.post(f"/api/v1/lessons/{lesson.pk}/quiz/attempts/", {"answers": {}}, format="json"), 404)


def test_passing_attempt(api, member, quiz_lesson):
    response = api.post(
        f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/", {"answers": correct_answers(quiz_lesson)}, format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert {"score", "max_score", "passed", "feedback"} <= data.keys()
    assert (data["score"], data["max_score"], data["passed"]) == (3, 3, True)
    assert data["lesson_completed"] is True
    assert len(data["feedback"]) == 3
    assert all(item["correct"] for item in data["feedback"])
    assert all("correct_choices" in item for item in data["feedback"])
    assert LessonCompletion.objects.filter(member=member, lesson_key=quiz_lesson.translation_key).exists()


def test_client_claims_about_the_score_are_ignored(api, member, quiz_lesson):
    response = api.post(
        f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/",
        {"answers": wrong_answers(quiz_lesson), "score": 999, "max_score": 1, "passed": True},
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["passed"] is False
    assert data["score"] == 0
    assert data["max_score"] == 3
    assert data["lesson_completed"] is False
    # The right answers are not revealed before a pass.
    assert not any("correct_choices" in item for item in data["feedback"])
    attempt = QuizAttempt.objects.get(member=member)
    assert (attempt.score, attempt.passed) == (0, False)
    assert not LessonCompletion.objects.filter(member=member).exists()


def _malformed(lesson):
    good = correct_answers(lesson)
    qids = list(good)
    single, multiple = qids[0], qids[1]
    single_choices = [c.id for c in lesson.quiz["questions"].bound_blocks[0].value["choices"].bound_blocks]
    return {
        "not a dict": ["a", "b"],
        "answers as a string": "everything",
        "answers list of ints": [1, 2, 3],
        "answers as a number": 3,
        "answers null": None,
        "unknown question id": {**good, "no-such-question": good[single]},
        "unknown choice id": {**good, multiple: ["no-such-choice"]},
        "two choices for a single-choice question": {**good, single: single_choices[:2]},
        "missing question": {q: good[q] for q in qids[1:]},
        "empty answer": {**good, single: []},
        "choice ids as ints": {**good, single: [1]},
        "nested object as choice": {**good, single: [{"id": good[single][0]}]},
        "empty object": {},
    }


MALFORMED = [
    "not a dict",
    "answers as a string",
    "answers list of ints",
    "answers as a number",
    "answers null",
    "unknown question id",
    "unknown choice id",
    "two choices for a single-choice question",
    "missing question",
    "empty answer",
    "choice ids as ints",
    "nested object as choice",
    "empty object",
]


@pytest.mark.parametrize("kind", MALFORMED)
def test_malformed_answers_are_400(api, member, quiz_lesson, kind):
    answers = _malformed(quiz_lesson)[kind]
    response = api.post(f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/", {"answers": answers}, format="json")
    assert_detail(response, 400)
    assert not QuizAttempt.objects.filter(member=member).exists()


@pytest.mark.parametrize("body", [{}, {"answer": {}}, [], "answers", [{"answers": {}}]])
def test_attempt_without_answers_is_400(api, quiz_lesson, body):
    response = api.post(f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/", body, format="json")
    assert_detail(response, 400)


def test_same_client_token_records_one_attempt(api, member, quiz_lesson):
    url = f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/"
    payload = {"answers": wrong_answers(quiz_lesson), "client_token": "tab-1-submit-1"}
    first = api.post(url, payload, format="json")
    second = api.post(url, payload, format="json")
    assert first.status_code == second.status_code == 201
    assert first.json()["score"] == second.json()["score"]
    assert QuizAttempt.objects.filter(member=member).count() == 1
    # The Idempotency-Key header works the same way; a new token is a new attempt.
    api.post(url, {"answers": wrong_answers(quiz_lesson)}, format="json", HTTP_IDEMPOTENCY_KEY="key-2")
    api.post(url, {"answers": wrong_answers(quiz_lesson)}, format="json", HTTP_IDEMPOTENCY_KEY="key-2")
    assert QuizAttempt.objects.filter(member=member).count() == 2


def test_client_token_is_per_member(api, member, make_member, quiz_lesson):
    url = f"/api/v1/lessons/{quiz_lesson.pk}/quiz/attempts/"
    payload = {"answers": wrong_answers(quiz_lesson), "client_token": "shared"}
    api.post(url, payload, format="json")
    other = make_member()
    response = token_client(other).post(url, {**payload, "answers": correct_answers(quiz_lesson)}, format="json")
    assert response.status_code == 201
    assert response.json()["passed"] is True
    assert QuizAttempt.objects.filter(client_token="shared").count() == 2


# --- locked courses ----------------------------------------------------------------------


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
