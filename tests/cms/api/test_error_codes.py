"""Every API error answers ``{"detail": <translated message>, "code": <machine code>}``;
invalid fields add ``errors`` (messages per field) and ``codes`` (codes per field, in the
same shape). One handler makes them all (``cms.api.exception_handler``)."""

from unittest import mock

import pytest
from django.utils import translation
from rest_framework.throttling import UserRateThrottle

from core.errors import Busy
from tests.factories import lessons_of, make_course

pytestmark = pytest.mark.django_db


def error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"].strip(), body
    assert body["code"] == code, body
    return body


def test_400_invalid_fields_carry_a_code_per_field(api):
    body = error(api.patch("/api/v1/me/", {"language": "xx", "display_name": "x" * 1000}), 400, "invalid")
    assert set(body["errors"]) == {"language", "display_name"}
    assert body["codes"] == {"language": ["invalid_choice"], "display_name": ["max_length"]}


def test_400_missing_fields_anonymously_on_the_token_endpoint(anon_api):
    body = error(anon_api.post("/api/v1/auth/token/", {}), 400, "invalid")
    assert body["codes"] == {"email": ["required"], "password": ["required"]}


def test_400_messages_are_translated_and_codes_are_not(make_member, api_for):
    dutch = api_for(make_member(language="nl"))
    with translation.override("nl"):
        body = error(dutch.patch("/api/v1/me/", {"language": "xx"}), 400, "invalid")
    assert "geldige keuze" in body["detail"]
    assert body["codes"] == {"language": ["invalid_choice"]}


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5"])
def test_400_a_page_number_that_is_not_one_or_more(api, page):
    body = error(api.get(f"/api/v1/notifications/?page={page}"), 400, "invalid")
    assert body["codes"] == {"page": ["invalid_page"]}


def test_404_a_page_past_the_last(api):
    assert api.get("/api/v1/notifications/?page=1").status_code == 200
    error(api.get("/api/v1/notifications/?page=2"), 404, "not_found")


def test_401_not_signed_in_and_a_bad_token(anon_api):
    error(anon_api.get("/api/v1/me/"), 401, "not_authenticated")
    anon_api.credentials(HTTP_AUTHORIZATION="Token nope")
    error(anon_api.get("/api/v1/me/"), 401, "authentication_failed")


def test_403_not_allowed(api):
    error(api.get("/api/v1/reports/participation/"), 403, "permission_denied")


def test_404_no_such_object_and_no_such_address(api):
    error(api.get("/api/v1/courses/999999/"), 404, "not_found")
    error(api.get("/api/v1/no-such-thing/"), 404, "not_found")
    error(api.post("/api/v1/no-such-thing/"), 404, "not_found")


def test_404_a_service_refusal_keeps_its_own_code(api):
    course = make_course("No quiz here", lessons=1)
    error(api.get(f"/api/v1/lessons/{lessons_of(course)[0].pk}/quiz/"), 404, "no_quiz")


def test_405_and_415(api):
    error(api.delete("/api/v1/me/"), 405, "method_not_allowed")
    error(api.post("/api/v1/notifications/mark-read/", {}, format="multipart"), 415, "unsupported_media_type")


def test_409_not_possible_now(api):
    lesson = lessons_of(make_course("Quizzed", lessons=2, quiz_on=[1]))[1]
    error(api.post(f"/api/v1/lessons/{lesson.pk}/complete/"), 409, "quiz_not_passed")


def test_400_a_body_a_view_checks_itself(api):
    """Views that check a body by hand answer with a code too (a ServiceError, not a bare message)."""
    error(api.post("/api/v1/notifications/mark-read/", {"ids": "all"}), 400, "invalid")


def test_429_too_many_requests(api):
    with mock.patch.object(UserRateThrottle, "rate", "1/minute", create=True):
        assert api.get("/api/v1/me/").status_code == 200
        response = api.get("/api/v1/me/")
    error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_503_busy(api):
    lesson = lessons_of(make_course("Busy", lessons=1))[0]
    with mock.patch("learning.services.complete_lesson", side_effect=Busy("Try again in a moment.")):
        body = error(api.post(f"/api/v1/lessons/{lesson.pk}/complete/"), 503, "busy")
    assert body["detail"] == "Try again in a moment."


def test_the_schema_documents_code_as_required(anon_api):
    schema = anon_api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail", "code"]
    operation = schema["paths"]["/api/v1/notifications/"]["get"]
    assert {"400", "401", "403", "404", "429", "503"} <= set(operation["responses"])
