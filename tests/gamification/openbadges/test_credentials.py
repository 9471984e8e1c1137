"""Open Badges 3.0: every badge award is also a signed OpenBadgeCredential, checked by an
independent verifier (``verifier.py``): valid when issued, invalid after revocation or when
one byte changes; a rotated key keeps old credentials valid."""

import base64
import io
import json

import pytest
from django.test import override_settings
from PIL import Image

from gamification.models import Credential, SigningKey
from gamification.openbadges import baking, did
from gamification.services import badges, credentials
from tests.gamification.factories import BadgeAwardFactory
from tests.gamification.openbadges.test_baking import png_chunks
from tests.gamification.openbadges.verifier import _header, verify

pytestmark = pytest.mark.django_db


def fetch_jwt(client, award) -> str:
    response = client.get(f"/badges/credentials/{award.uuid}.jwt")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vc+jwt"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.content.decode()


def test_an_award_is_a_valid_open_badge_credential(client, earned):
    token = fetch_jwt(client, earned)
    header = _header(token)
    assert header["alg"] == "EdDSA"
    assert header["kid"].startswith(did.did_web() + "#key-")
    verdict = verify(client, token)
    assert verdict.valid, verdict.errors
    credential = verdict.credential
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["issuer"]["id"] == "did:web:127.0.0.1%3A8000"
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "First lesson"
    assert achievement["id"].endswith(f"/badges/classes/{earned.badge.pk}.json")
    identity = credential["credentialSubject"]["identifier"][0]
    assert earned.member.email not in json.dumps(credential)
    assert identity["identityHash"].startswith("sha256$")


def test_the_json_is_the_signed_credential(client, earned):
    token = fetch_jwt(client, earned)
    response = client.get(f"/badges/credentials/{earned.uuid}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    claims = verify(client, token).credential
    assert json.loads(response.content) == {k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf", "iat")}


def test_issued_once(client, earned):
    first = fetch_jwt(client, earned)
    assert fetch_jwt(client, earned) == first
    assert Credential.objects.filter(subject=earned.uuid).count() == 1


def test_revoked_award_is_invalid_by_its_status_list_bit(client, earned, master):
    token = fetch_jwt(client, earned)
    assert verify(client, token).valid
    badges.revoke(award=earned, reason="Given by mistake", by=master)
    verdict = verify(client, token)
    assert not verdict.valid
    assert verdict.errors == ["status: revoked"]
    response = client.get(f"/badges/credentials/{earned.uuid}.jwt")
    assert response.status_code == 410
    assert response.json()["code"] == "credential_revoked"


def test_others_stay_valid_when_one_is_revoked(client, earned, master):
    other = BadgeAwardFactory()
    token = fetch_jwt(client, other)
    fetch_jwt(client, earned)
    badges.revoke(award=earned, reason="Given by mistake", by=master)
    assert verify(client, token).valid


@pytest.mark.parametrize("part", [0, 1, 2])
def test_one_changed_byte_makes_it_invalid(client, earned, part):
    token = fetch_jwt(client, earned)
    pieces = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(pieces[part] + "=" * (-len(pieces[part]) % 4)))
    position = len(raw) // 2
    raw[position] = ord("X") if raw[position] != ord("X") else ord("Y")
    pieces[part] = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    verdict = verify(client, ".".join(pieces))
    assert not verdict.valid
    assert verdict.errors[0].startswith("signature:")


def test_a_rotated_key_keeps_old_credentials_valid(client, earned):
    old_token = fetch_jwt(client, earned)
    old_key = SigningKey.objects.get(is_current=True)
    new_key = credentials.rotate_key()
    newer = BadgeAwardFactory()
    new_token = fetch_jwt(client, newer)
    assert _header(new_token)["kid"].endswith("#" + new_key.kid)
    assert _header(old_token)["kid"].endswith("#" + old_key.kid)
    assert verify(client, old_token).valid
    assert verify(client, new_token).valid
    methods = client.get("/.well-known/did.json").json()["verificationMethod"]
    assert [m["id"].split("#")[1] for m in methods] == [old_key.kid, new_key.kid]
    assert all(m["type"] == "JsonWebKey" and m["publicKeyJwk"]["crv"] == "Ed25519" for m in methods)
    assert all("d" not in m["publicKeyJwk"] for m in methods)


def test_a_reinstated_award_gets_a_new_valid_credential(client, earned, master):
    old_token = fetch_jwt(client, earned)
    badges.revoke(award=earned, reason="Mistake", by=master)
    badges.award_by_hand(member=earned.member, badge=earned.badge, reason="Sorry, it was right", by=master)
    new_token = fetch_jwt(client, earned)
    assert new_token != old_token
    assert not verify(client, old_token).valid
    assert verify(client, new_token).valid


def test_unknown_credential_answers_404_with_a_code(client):
    response = client.get("/badges/credentials/00000000-0000-4000-8000-000000000000.jwt")
    assert response.status_code == 404
    assert response.json()["code"] == "credential_not_found"


def test_the_baked_png_carries_the_credential_beside_the_assertion(client, earned):
    response = client.get(f"/badges/assertions/{earned.uuid}.png")
    data = response.content
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    texts = {}
    for kind, body in png_chunks(data):
        if kind == b"iTXt":
            keyword, rest = body.split(b"\x00", 1)
            texts.setdefault(keyword, []).append(rest[2:].split(b"\x00", 2)[2].decode())
    assert texts[baking.BAKE_KEYWORD] == [f"http://127.0.0.1:8000/badges/assertions/{earned.uuid}.json"]
    (token,) = texts[baking.BAKE_KEYWORD_OB3]
    assert verify(client, token).valid


def test_the_award_page_links_the_credential(client, earned):
    response = client.get(f"/badges/assertions/{earned.uuid}/")
    assert f'href="/badges/credentials/{earned.uuid}.jwt"'.encode() in response.content


def test_api_gives_the_credential_url(api_for, earned):
    rows = api_for(earned.member).get("/api/v1/badges/").json()
    (mine,) = [row for row in rows if row["earned"]]
    assert mine["credential_url"] == f"http://testserver/badges/credentials/{earned.uuid}.jwt"
    assert all(row["credential_url"] is None for row in rows if not row["earned"])


def test_credential_endpoint_queries_do_not_grow(client, earned, django_assert_max_num_queries):
    fetch_jwt(client, earned)
    with django_assert_max_num_queries(2):
        fetch_jwt(client, earned)


@pytest.mark.parametrize(
    ("base_url", "expected", "document"),
    [
        ("https://badges.example.org", "did:web:badges.example.org", "https://badges.example.org/.well-known/did.json"),
        ("https://example.org:8443/", "did:web:example.org%3A8443", "https://example.org:8443/.well-known/did.json"),
        ("https://example.org/org/acme", "did:web:example.org:org:acme", "https://example.org/org/acme/did.json"),
    ],
)
def test_did_web_of_base_url(base_url, expected, document):
    with override_settings(BASE_URL=base_url):
        assert did.did_web() == expected
    assert did.did_document_url(expected) == document


@pytest.fixture
def secret_changed(settings):
    """The signing key was sealed under the old SECRET_KEY, which is gone without a fallback."""
    credentials.current_key()
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-without-the-old-one-as-fallback"
    settings.SECRET_KEY_FALLBACKS = []
    return old


def test_while_the_signing_key_cannot_be_opened_the_endpoints_answer_503_and_log_why(
    client, earned, secret_changed, caplog
):
    for url in (f"/badges/credentials/{earned.uuid}.jwt", f"/badges/credentials/{earned.uuid}.json"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 503
        assert response.json()["code"] == "signing_unavailable"
        assert response["Retry-After"] == "300"
        assert response["Cache-Control"] == "no-store"  # gone once the key opens again
    status = client.get("/badges/status-lists/1.jwt")
    assert (status.status_code, status.json()["code"]) == (503, "signing_unavailable")
    png = client.get(f"/badges/assertions/{earned.uuid}.png", HTTP_ACCEPT_LANGUAGE="nl")
    assert png.status_code == 503
    assert "ondertekend" in png.content.decode()
    assert not Credential.objects.exists()  # nothing half-issued
    assert any("SECRET_KEY_FALLBACKS" in record.getMessage() for record in caplog.records)


def test_once_the_old_secret_is_a_fallback_the_credential_is_issued(client, earned, secret_changed, settings):
    assert client.get(f"/badges/credentials/{earned.uuid}.jwt").status_code == 503
    settings.SECRET_KEY_FALLBACKS = [secret_changed]
    assert verify(client, fetch_jwt(client, earned)).valid
