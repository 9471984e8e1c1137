"""JSON bodies nested too deeply are a 400 with a code, never a RecursionError's 500."""

import pytest
from rest_framework.test import APIClient

from core.parsers import MAX_DEPTH, depth_exceeds


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_depth_is_measured_without_recursing():
    deep = []
    for _ in range(100_000):
        deep = [deep]
    assert depth_exceeds(deep, MAX_DEPTH)
    assert not depth_exceeds({"a": [{"b": 1}]}, MAX_DEPTH)
    assert depth_exceeds({"a": {"b": {"c": 1}}}, 2) and not depth_exceeds({"a": {"b": {"c": 1}}}, 3)


@pytest.mark.django_db
@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 5_000, 200_000])
def test_the_token_endpoint_refuses_deep_json_anonymously(levels):
    response = APIClient().post("/api/v1/auth/token/", nested(levels), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "json_too_deep"


@pytest.mark.django_db
def test_a_member_endpoint_with_its_own_parsers_refuses_deep_json(api):
    response = api.post("/api/v1/notifications/mark-read/", nested(5_000), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "json_too_deep"


@pytest.mark.django_db
def test_ordinary_json_still_parses():
    response = APIClient().post("/api/v1/auth/token/", {"email": "nobody@example.com", "password": "x"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


@pytest.mark.django_db
def test_an_endpoint_with_the_default_parsers_refuses_deep_json(api):
    response = api.patch("/api/v1/me/", nested(5_000), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "json_too_deep"


@pytest.mark.django_db
@pytest.mark.parametrize("media_type", ["application/scim+json", "application/json"])
def test_scim_refuses_deep_json_as_a_scim_error(settings, media_type):
    """SCIM has parsers of its own (its media type): the same limit, answered the SCIM way."""
    settings.SCIM_BEARER_TOKEN = "scim-token"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer scim-token")
    response = client.post("/scim/v2/Users", nested(5_000), content_type=media_type)
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidSyntax"
