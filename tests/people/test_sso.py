"""Single sign-on with OpenID Connect, end to end against a real identity provider:
django-oauth-toolkit in a second process (tests/sso_idp), which our server talks to over
HTTP for discovery, the code exchange, the signing keys and the userinfo, exactly as it talks
to Entra ID, Google or Okta. The browser's part (logging in at the IdP, following its
redirect back) is played by a ``requests`` session and the test client."""

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from people.models import AuditLog, Member, Role
from people.services import provisioning
from tests.factories import MemberFactory
from tests.sso_idp import running

pytestmark = pytest.mark.django_db

CLIENT_ID = "social-shift-test"
CLIENT_SECRET = "idp-client-secret-for-tests"  # noqa: S105
CALLBACK = "http://testserver/accounts/oidc/sso/login/callback/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    """The identity provider's base URL, running in its own process for this module."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    env = {
        "IDP_DATABASE": str(tmp_path_factory.mktemp("idp") / "idp.sqlite3"),
        "IDP_RSA_KEY": pem,
        "IDP_CLIENT_ID": CLIENT_ID,
        "IDP_CLIENT_SECRET": CLIENT_SECRET,
        # Ten minutes behind the pinned clock: its tokens are never "from the future" here.
        "IDP_NOW": str(time.time() - 540),
    }
    with running("serve", CALLBACK, env=env) as url:
        yield url


@pytest.fixture
def sso(settings, idp, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "sso",
                    "name": "Contoso",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": f"{idp}/o", "scope": ["openid", "email", "profile"]},
                }
            ],
            "OAUTH_PKCE_ENABLED": True,
        }
    }
    return idp


def sso_login(idp: str, email: str) -> tuple[Client, object]:
    """The whole round trip for ``email``; returns our client and the callback's response."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    start = client.post("/accounts/oidc/sso/login/")
    assert start.status_code == 302 and start["Location"].startswith(f"{idp}/o/authorize/"), start
    browser = requests.Session()
    browser.trust_env = False
    assert browser.get(f"{idp}/test-login/", params={"email": email}, timeout=10).status_code == 200
    authorised = browser.get(start["Location"], allow_redirects=False, timeout=10)
    assert authorised.status_code == 302, authorised.text[:500]
    back = urlsplit(authorised.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    return client, client.get(f"{back.path}?{back.query}")


def test_the_login_page_offers_the_identity_provider(sso):
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get("/login/").content.decode()
    assert 'data-testid="sso-login"' in body and "Log in with Contoso" in body
    assert 'action="/accounts/oidc/sso/login/' in body


def test_without_configuration_there_is_no_button_and_no_sso(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert b'data-testid="sso-login"' not in Client().get("/login/").content
    assert Client().post("/accounts/oidc/sso/login/").status_code == 404


def test_a_new_person_becomes_an_ambassador_with_department_and_location(sso):
    client, response = sso_login(sso, "ann@example.com")
    assert response.status_code == 302, response.content[:2000]
    member = Member.objects.get(email="ann@example.com")
    assert int(client.session["_auth_user_id"]) == member.pk
    assert member.role == Role.AMBASSADOR and not member.has_usable_password()
    assert (member.first_name, member.last_name) == ("Ann", "Jansen")
    assert member.department.name == "Sales" and member.location.name == "Utrecht"
    assert AuditLog.objects.filter(action="provisioned", target_id=member.pk, details__via="sso").exists()
    assert client.get("/profile/").status_code == 200


def test_an_existing_member_with_a_verified_address_is_that_member(sso):
    existing = MemberFactory(email="existing@example.com", role=Role.MASTER, display_name="Eva")
    client, response = sso_login(sso, "existing@example.com")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == existing.pk
    assert Member.objects.filter(email__iexact="existing@example.com").count() == 1
    existing.refresh_from_db()
    assert existing.role == Role.MASTER  # SSO never changes a known member's role


def test_an_unverified_address_does_not_sign_into_the_member_who_has_it(sso):
    victim = MemberFactory(email="unverified@example.com")
    client, _response = sso_login(sso, "unverified@example.com")
    assert client.session.get("_auth_user_id") != str(victim.pk)


def test_a_master_who_came_through_sso_is_not_asked_for_a_second_factor(sso, settings):
    settings.MFA_REQUIRED_FOR_ROLES = ["master", "hr"]
    MemberFactory(email="existing@example.com", role=Role.MASTER)
    client, _response = sso_login(sso, "existing@example.com")
    assert client.get("/profile/").status_code == 200


def test_a_member_switched_off_by_provisioning_cannot_come_in_through_sso(sso):
    member = MemberFactory(email="existing@example.com")
    provisioning.update_member(member=member, changes=provisioning.MemberChanges(active=False))
    client, response = sso_login(sso, "existing@example.com")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response["Location"] == "/accounts/inactive/"


# --- the profile follows the identity provider ------------------------------------------


def idp_says(idp: str, email: str, claims: dict) -> None:
    browser = requests.Session()
    browser.trust_env = False
    assert browser.post(f"{idp}/test-claims/", json={"email": email, "claims": claims}, timeout=10).ok


def test_name_department_and_location_follow_the_idp_at_each_login(sso):
    sso_login(sso, "ann@example.com")
    member = Member.objects.get(email="ann@example.com")
    assert (member.department.name, member.location.name) == ("Sales", "Utrecht")
    # She moves to Marketing in Amsterdam and marries: the next login brings all of it.
    idp_says(
        sso,
        "ann@example.com",
        {"given_name": "Ann", "family_name": "de Wit", "department": "Marketing", "location": "Amsterdam"},
    )
    try:
        client, response = sso_login(sso, "ann@example.com")
        assert response.status_code == 302 and int(client.session["_auth_user_id"]) == member.pk
        member.refresh_from_db()
        assert (member.last_name, member.department.name, member.location.name) == ("de Wit", "Marketing", "Amsterdam")
        [entry] = AuditLog.objects.filter(action="updated_by_idp", target_id=member.pk)
        assert entry.details["fields"] == ["department", "last_name", "location"]
        assert entry.details["department_id"] == member.department_id
        assert "Marketing" not in str(entry.details)  # ids, never names
        # A claim the IdP stops sending, or sends empty, wipes nothing.
        idp_says(sso, "ann@example.com", {"given_name": "", "family_name": "de Wit", "department": ""})
        sso_login(sso, "ann@example.com")
        member.refresh_from_db()
        assert (member.first_name, member.department.name, member.location.name) == ("Ann", "Marketing", "Amsterdam")
        assert AuditLog.objects.filter(action="updated_by_idp", target_id=member.pk).count() == 1
    finally:
        idp_says(
            sso,
            "ann@example.com",
            {"given_name": "Ann", "family_name": "Jansen", "department": "Sales", "location": "Utrecht"},
        )


def test_an_existing_member_gets_the_department_the_idp_sends(sso):
    existing = MemberFactory(email="existing@example.com", role=Role.MASTER, department=None)
    sso_login(sso, "existing@example.com")
    existing.refresh_from_db()
    assert existing.department.name == "HR" and existing.location.name == "Zwolle"
    assert existing.role == Role.MASTER


# --- failed callbacks count as failed logins --------------------------------------------


def test_a_burst_of_forged_callbacks_from_one_address_is_stopped_well_before_the_30th(sso):
    client = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="203.0.113.7")
    statuses = [
        client.get(f"/accounts/oidc/sso/login/callback/?state=forged-{n}&code=guess-{n}").status_code for n in range(30)
    ]
    assert 429 in statuses and statuses.index(429) <= 10, statuses
    assert set(statuses[statuses.index(429) :]) == {429}
    assert b"Too many failed login attempts" in client.get("/accounts/oidc/sso/login/callback/?state=x").content
    # Another address still logs in, and so does a real login from there once the limit ends.
    other, response = sso_login(sso, "ann@example.com")
    assert response.status_code == 302 and "_auth_user_id" in other.session


def test_a_wrong_code_with_the_right_state_counts_too(sso):
    """The state is real (our own login started it); the code is guessed: the IdP refuses it."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="203.0.113.8")
    statuses = []
    for n in range(12):
        start = client.post("/accounts/oidc/sso/login/")
        state = dict(part.split("=", 1) for part in urlsplit(start["Location"]).query.split("&"))["state"]
        statuses.append(client.get(f"/accounts/oidc/sso/login/callback/?state={state}&code=guess-{n}").status_code)
    assert statuses[0] != 302 and 429 in statuses and statuses.index(429) <= 10, statuses


def test_forged_callbacks_and_wrong_passwords_share_the_address_limit(sso, settings):
    settings.SSO_FAILED_CALLBACK_RATE_LIMITS = "100/m/ip"
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "12/m/ip,5/5m/key"}
    client = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="203.0.113.9")
    for n in range(12):
        client.get(f"/accounts/oidc/sso/login/callback/?state=forged-{n}")
    member = MemberFactory()
    response = client.post("/login/", {"login": member.email, "password": "socialshift"})
    assert b"Too many failed login attempts" in response.content
