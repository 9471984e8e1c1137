"""Production logs: one JSON object a line, each with the request id and the member's id
during a request, and nothing personal (core/request_context.py, cms.settings.production)."""

import importlib
import io
import json
import logging
import logging.config

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.http import HttpResponse
from django.test import AsyncClient
from django.urls import path

from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def view_that_logs(request):
    # The member is looked up here, as any member page does; the log line names no one.
    if request.user.is_authenticated:
        logging.getLogger("cms.example").warning("a member opened the page")
    return HttpResponse("ok")


async def async_view_that_logs(request):
    user = await request.auser()
    logging.getLogger("cms.example").warning("async page for %s", "a member" if user.is_authenticated else "nobody")
    return HttpResponse("ok")


urlpatterns = [
    path("logs/", view_that_logs),
    path("async-logs/", async_view_that_logs),
]


@pytest.fixture
def production_logging(monkeypatch):
    """Logging as cms.settings.production configures it; its console's lines, read back."""
    monkeypatch.setenv("SECRET_KEY", "test-only")
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    production = importlib.reload(importlib.import_module("cms.settings.production"))
    logging.config.dictConfig(production.LOGGING)
    written = io.StringIO()
    (console,) = logging.getLogger().handlers
    console.setStream(written)  # stderr in production; pytest swaps stderr between phases

    def lines():
        return [json.loads(line) for line in written.getvalue().splitlines()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


@pytest.fixture
def named_member():
    return MemberFactory(email="jolanda.devries@example.org", display_name="Jolanda de Vries")


@pytest.mark.urls(__name__)
def test_a_request_logs_json_lines_with_request_and_member_id_and_nothing_personal(
    client, production_logging, named_member
):
    client.force_login(named_member)
    response = client.get("/logs/", REMOTE_ADDR="203.0.113.77")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32

    records = production_logging()
    in_view = next(r for r in records if r["logger"] == "cms.example")
    access = next(r for r in records if r["logger"] == "core.requests")
    for record in (in_view, access):
        assert record["request_id"] == request_id
        assert record["member_id"] == named_member.pk
    assert (access["route"], access["status"], access["method"]) == ("logs/", 200, "GET")
    assert in_view["level"] == "WARNING" and in_view["message"] == "a member opened the page"
    text = json.dumps(records)
    for personal in ("jolanda", "Jolanda", "de Vries", "example.org", "203.0.113.77"):
        assert personal not in text


@pytest.mark.urls(__name__)
def test_logs_outside_a_request_have_no_request_id(client, production_logging):
    client.get("/logs/")
    logging.getLogger("cms.example").warning("after the request")
    after = production_logging()[-1]
    assert after["message"] == "after the request"
    assert after["request_id"] is None and after["member_id"] is None


@pytest.mark.urls(__name__)
def test_under_asgi_each_request_has_its_own_id_on_its_lines(production_logging, named_member):
    client = AsyncClient()
    async_to_sync(client.aforce_login)(named_member)
    first = async_to_sync(client.get)("/async-logs/")
    second = async_to_sync(client.get)("/async-logs/", headers={"X-Request-ID": "lb-0123456789abcdef"})
    assert second["X-Request-ID"] == "lb-0123456789abcdef"
    records = [r for r in production_logging() if r["logger"] == "cms.example"]
    assert [r["request_id"] for r in records] == [first["X-Request-ID"], "lb-0123456789abcdef"]
    assert {r["member_id"] for r in records} == {named_member.pk}
    assert records[0]["message"] == "async page for a member"


@pytest.mark.parametrize(
    "incoming", ["", "short", "has spaces in it", 'quote"d-1234567', "a" * 200, "line\nbreak-12345678"]
)
def test_an_insane_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/health/", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_a_sane_incoming_request_id_is_kept_and_sent_back(client):
    response = client.get("/health/", HTTP_X_REQUEST_ID="3f2a9c1e-4b5d-4e6f-8a7b-9c0d1e2f3a4b")
    assert response["X-Request-ID"] == "3f2a9c1e-4b5d-4e6f-8a7b-9c0d1e2f3a4b"
