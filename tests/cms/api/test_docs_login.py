"""``/api/schema/`` and ``/api/docs/``: open where ``API_DOCS_LOGIN_REQUIRED`` is off (the
default), for signed-in members only where it is on (production; tests/cms/test_deploy_checks.py
checks that production turns it on)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def login_required(settings):
    settings.API_DOCS_LOGIN_REQUIRED = True


def test_open_by_default(anon_api, client):
    assert anon_api.get("/api/schema/", HTTP_ACCEPT="application/json").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_an_anonymous_schema_request_is_refused_with_401_and_a_code(login_required, anon_api):
    response = anon_api.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert "paths" not in response.json()


def test_an_anonymous_visitor_of_the_docs_is_sent_to_log_in(login_required, client):
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/api/docs/"
    assert client.get("/api/docs/?script=").status_code == 302  # Swagger UI's start-up script too


def test_any_signed_in_member_reads_them(login_required, member, logged_in):
    schema = logged_in.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200 and "/api/v1/me/" in schema.json()["paths"]
    docs = logged_in.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    script = logged_in.get("/api/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_a_token_reads_the_schema(login_required, member):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member).key}")
    assert client.get("/api/schema/", HTTP_ACCEPT="application/json").status_code == 200
