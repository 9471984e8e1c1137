"""What the API contract tests (``test_api_contract*.py``) share: a token client, the JSON error
shape, a course finished through the API, the keys of a nested answer."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import (
    correct_answers,
    lessons_of,
)


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
