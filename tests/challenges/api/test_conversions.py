"""POST /api/v1/conversions/: the signature, idempotency on external_id, and bad input that
stores nothing."""

import datetime
import hashlib
import hmac
import json

import pytest
from django.utils import timezone

from challenges.models import Conversion
from tests.challenges.factories import ShareLinkFactory

SECRET = "s3cret-for-tests"
URL = "/api/v1/conversions/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.CONVERSIONS_SECRET = SECRET


def sign(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(client, payload, *, signature=None, raw=None):
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = {} if signature is False else {"HTTP_X_SIGNATURE": signature if signature else sign(body)}
    return client.post(URL, data=body, content_type="application/json", **headers)


@pytest.fixture
def link(db):
    return ShareLinkFactory()


def payload_for(share_link, /, **over):
    data = {
        "link": share_link.code,
        "kind": "application",
        "value": 1500,
        "occurred_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
        "external_id": "ats-123",
    }
    data.update(over)
    return data


def test_a_signed_conversion_is_stored_with_the_link_story_and_department(anon_api, link):
    response = post(anon_api, payload_for(link))
    assert response.status_code == 201, response.json()
    conversion = Conversion.objects.get()
    assert (conversion.link, conversion.story, conversion.department) == (link, link.story, link.member.department)
    assert response.json()["kind"] == "application"
    assert response.json()["value"] == "1500.00"


def test_the_sha256_prefix_is_accepted(anon_api, link):
    body = json.dumps(payload_for(link)).encode()
    assert post(anon_api, None, raw=body, signature="sha256=" + sign(body)).status_code == 201


@pytest.mark.parametrize("signature", [False, "0" * 64, "sha256=nothex", "wrong"])
def test_a_wrong_or_missing_signature_answers_401_and_stores_nothing(anon_api, link, signature):
    response = post(anon_api, payload_for(link), signature=signature)
    assert response.status_code == 401
    assert response.json()["code"] == "bad_signature"
    assert not Conversion.objects.exists()


def test_a_signature_with_another_secret_answers_401(anon_api, link):
    body = json.dumps(payload_for(link)).encode()
    assert post(anon_api, None, raw=body, signature=sign(body, "other")).status_code == 401
    assert not Conversion.objects.exists()


def test_no_secret_configured_answers_503_with_a_code(anon_api, link, settings):
    settings.CONVERSIONS_SECRET = ""
    response = post(anon_api, payload_for(link), signature=sign(b"x", "x"))
    assert response.status_code == 503
    assert response.json()["code"] == "conversions_not_configured"


def test_a_retry_answers_200_with_the_same_conversion(anon_api, link):
    data = payload_for(link)
    first = post(anon_api, data)
    second = post(anon_api, data)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Conversion.objects.count() == 1


def test_the_same_external_id_with_a_different_body_is_a_409(anon_api, link):
    post(anon_api, payload_for(link))
    response = post(anon_api, payload_for(link, kind="hire"))
    assert response.status_code == 409
    assert response.json()["code"] == "external_id_conflict"
    assert Conversion.objects.get().kind == "application"


def test_an_unknown_link_is_a_404_with_a_code(anon_api, link):
    response = post(anon_api, payload_for(link, link="nope"))
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_link"
    assert not Conversion.objects.exists()


@pytest.mark.parametrize(
    ("over", "code"),
    [
        ({"kind": "donation"}, "invalid_kind"),
        ({"value": -1}, "invalid_value"),
        ({"value": "abc"}, "invalid_value"),
        ({"value": True}, "invalid_value"),
        ({"occurred_at": "yesterday"}, "invalid_occurred_at"),
        ({"occurred_at": "2026-01-01T10:00:00"}, "invalid_occurred_at"),
        ({"external_id": ""}, "invalid_external_id"),
        ({"link": None}, "invalid_link"),
    ],
)
def test_bad_fields_answer_400_with_a_code_and_store_nothing(anon_api, link, over, code):
    response = post(anon_api, payload_for(link, **over))
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Conversion.objects.exists()


def test_a_moment_far_in_the_future_is_refused(anon_api, link):
    future = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    response = post(anon_api, payload_for(link, occurred_at=future))
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_occurred_at"


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"])
def test_a_malformed_body_is_a_400_and_stores_nothing(anon_api, raw):
    response = post(anon_api, None, raw=raw)
    assert response.status_code == 400
    assert response.json()["code"] == "malformed"
    assert not Conversion.objects.exists()


def test_no_session_or_csrf_is_needed_and_a_session_does_not_replace_the_signature(link, client_for, make_member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, payload_for(link)).status_code == 201
    signed_in = client_for(make_member())
    assert post(signed_in, payload_for(link, external_id="other"), signature=False).status_code == 401
