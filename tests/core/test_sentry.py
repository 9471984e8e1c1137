"""Error reports reach a Sentry-compatible service when SENTRY_DSN is set, without the
member's personal data (core/sentry.py, cms.settings.production)."""

import gzip
import importlib
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk
from django.test import Client
from django.urls import include, path

from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


class BrokenFeature(Exception):
    pass


def view_that_fails(request):
    raise BrokenFeature(f"could not build the page for {request.user.email}")


urlpatterns = [path("fails/", view_that_fails), path("", include("cms.urls"))]


@pytest.fixture
def fake_sentry():
    """A Sentry-compatible endpoint on 127.0.0.1 that keeps the envelopes it receives."""
    received: list[bytes] = []

    class Envelopes(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            encoding = self.headers.get("Content-Encoding", "")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "deflate":
                body = zlib.decompress(body)
            elif encoding == "br":
                import brotli

                body = brotli.decompress(body)
            received.append(body)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Envelopes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://public0123456789abcdef@127.0.0.1:{server.server_port}/42", received
    server.shutdown()
    server.server_close()


@pytest.fixture
def sentry_from_production_settings(fake_sentry, monkeypatch):
    dsn, received = fake_sentry
    monkeypatch.setenv("SECRET_KEY", "test-only")
    monkeypatch.setenv("SENTRY_DSN", dsn)
    importlib.reload(importlib.import_module("cms.settings.production"))
    client = sentry_sdk.get_client()
    assert client.is_active() and not client.should_send_default_pii()
    yield received
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def _events(envelopes: list[bytes]) -> list[dict]:
    events = []
    for envelope in envelopes:
        lines = envelope.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


@pytest.mark.urls(__name__)
def test_an_error_in_a_view_reaches_sentry_without_the_members_personal_data(sentry_from_production_settings):
    member = MemberFactory(email="pieter.jansen@example.org", display_name="Pieter Jansen")
    client = Client(raise_request_exception=False)
    client.force_login(member)
    session_cookie = client.cookies["sessionid"].value
    response = client.get(
        "/fails/",
        HTTP_AUTHORIZATION="Token 9d8c7b6a5f4e3d2c1b0a",
        HTTP_X_FORWARDED_FOR="198.51.100.23",
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_REQUEST_ID="req-0123456789abcdef",
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=10)

    events = _events(sentry_from_production_settings)
    errors = [e for e in events if e.get("exception")]
    assert errors, f"no error event among {len(events)} events"
    event = errors[0]
    assert event["exception"]["values"][-1]["type"] == "BrokenFeature"
    assert event["exception"]["values"][-1]["value"] == "could not build the page for [removed]"
    assert event["user"] == {"id": str(member.pk)}
    assert event["tags"]["request_id"] == "req-0123456789abcdef"
    text = b"".join(sentry_from_production_settings).decode()
    for personal in (
        "pieter.jansen@example.org",
        "Pieter Jansen",
        session_cookie,
        "9d8c7b6a5f4e3d2c1b0a",
        "198.51.100.23",
        "203.0.113.77",
    ):
        assert personal not in text
