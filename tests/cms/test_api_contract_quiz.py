"""The REST API contract (/api/v1/) for quiz attempts: answers graded on the server, malformed
answers refused with 400, one attempt per client token."""

import pytest

from learning.models import LessonCompletion, QuizAttempt
from tests.cms.api_contract import assert_detail, token_client, walk_keys
from tests.factories import (
    correct_answers,
    lessons_of,
    make_course,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


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
