"""Single sign-on with SAML 2.0, end to end against a real identity provider: pysaml2's IdP
(``saml2.server.Server``, tests/sso_idp/saml_serve.py) in a second process. Our side
(allauth's saml provider, python3-saml) reads the IdP's metadata over HTTP, sends the
AuthnRequest with the HTTP-Redirect binding, and checks the signed Response the IdP posts
back (HTTP-POST binding). The IdP knows our SP from the metadata our /metadata/ address
serves. The browser's part is played by a ``requests`` session and the test client."""

import base64
import html
import os
import re
import time
from pathlib import Path

import pytest
import requests
from django.core.cache import cache
from django.test import Client

from people.models import AuditLog, Member, Role
from people.services import provisioning
from tests.factories import MemberFactory
from tests.sso_idp import running

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
XMLSEC1 = Path("/usr/bin/xmlsec1")


def _key_and_cert(folder: Path) -> tuple[Path, Path]:
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test-idp")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=3650))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "idp.key", folder / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


@pytest.fixture(scope="module")
def saml_idp(tmp_path_factory):
    """The IdP's base URL and the file it reads our SP metadata from, its own process."""
    if not XMLSEC1.exists():
        if os.environ.get("CI") or os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("xmlsec1 (Debian package xmlsec1) is required for the SAML IdP")
        pytest.skip("xmlsec1 not installed: the SAML IdP cannot sign")
    folder = tmp_path_factory.mktemp("saml-idp")
    key_file, cert_file = _key_and_cert(folder)
    sp_metadata = folder / "sp-metadata.xml"
    env = {
        "IDP_KEY": str(key_file),
        "IDP_CERT": str(cert_file),
        "IDP_SP_METADATA": str(sp_metadata),
        # A minute behind our pinned clock (each login sets it again: saml_response).
        "IDP_NOW": str(time.time() - 60),
    }
    with running("saml_serve", env=env) as url:
        yield url, sp_metadata


def saml_app(idp_url: str, **settings) -> dict:
    from django.conf import settings as django_settings

    return {
        "client_id": "sso",
        "name": "Contoso",
        "settings": {
            "attribute_mapping": django_settings.SSO_SAML_ATTRIBUTES,
            "idp": {"entity_id": None, "metadata_url": f"{idp_url}/metadata/"},
            "sp": {"entity_id": "http://testserver/accounts/saml/sso/metadata/"},
            # "testserver" (the test client's host) is a single-label domain.
            "advanced": {
                "want_assertion_signed": True,
                "reject_idp_initiated_sso": True,
                "allow_single_label_domains": True,
            },
            "verified_email": ["example.com"],
            **settings,
        },
    }


@pytest.fixture
def saml(settings, saml_idp, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    idp, sp_metadata = saml_idp
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}, "saml": {"APPS": [saml_app(idp)]}}
    cache.clear()  # the IdP metadata is cached per URL
    metadata = Client(HTTP_HOST="testserver").get("/accounts/saml/sso/metadata/")
    assert metadata.status_code == 200, metadata.content[:500]
    sp_metadata.write_bytes(metadata.content)
    return idp


def idp_says(idp: str, email: str, attributes: dict) -> None:
    assert requests.post(f"{idp}/test-attributes/", json={"email": email, "attributes": attributes}, timeout=10).ok


def saml_response(idp: str, email: str, client: Client | None = None):
    """The user logs in at the IdP and starts at our button; returns our client and the
    form the IdP answers with: (client, ACS address, SAMLResponse, RelayState)."""
    client = client or Client(HTTP_HOST="testserver", HTTP_ACCEPT_LANGUAGE="en")
    start = client.post("/accounts/saml/sso/login/")
    assert start.status_code == 302 and start["Location"].startswith(f"{idp}/sso/redirect/?SAMLRequest="), start
    browser = requests.Session()
    browser.trust_env = False
    # The IdP's clock a minute behind ours, which each test pins again: its assertions are
    # never "from the future" here, however long the run has taken.
    assert browser.get(f"{idp}/test-login/", params={"email": email, "now": time.time() - 60}, timeout=10).ok
    answer = browser.get(start["Location"], timeout=10)
    assert answer.status_code == 200, answer.text[:1000]
    fields = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', answer.text))
    action = html.unescape(re.search(r'action="([^"]+)"', answer.text).group(1))
    return client, action, html.unescape(fields["SAMLResponse"]), html.unescape(fields.get("RelayState", ""))


def post_to_acs(client: Client, action: str, payload: str, relay_state: str = ""):
    assert action == "http://testserver/accounts/saml/sso/acs/"
    posted = client.post("/accounts/saml/sso/acs/", {"SAMLResponse": payload, "RelayState": relay_state})
    assert posted.status_code == 302 and posted["Location"] == "/accounts/saml/sso/acs/finish/", posted
    return client.get(posted["Location"])


def saml_login(idp: str, email: str):
    client, action, payload, relay_state = saml_response(idp, email)
    return client, post_to_acs(client, action, payload, relay_state)


def test_the_login_page_offers_the_saml_identity_provider(saml):
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get("/login/").content.decode()
    assert 'data-testid="sso-login"' in body and "Log in with Contoso" in body
    assert 'action="/accounts/saml/sso/login/' in body


def test_our_metadata_names_the_entity_id_from_base_url_and_the_acs(saml):
    body = Client(HTTP_HOST="testserver").get("/accounts/saml/sso/metadata/").content.decode()
    assert 'entityID="http://testserver/accounts/saml/sso/metadata/"' in body
    assert 'Location="http://testserver/accounts/saml/sso/acs/"' in body


def test_a_new_person_becomes_an_ambassador_with_department_and_location(saml):
    client, response = saml_login(saml, "sam@example.com")
    assert response.status_code == 302, response.content[:3000]
    member = Member.objects.get(email="sam@example.com")
    assert int(client.session["_auth_user_id"]) == member.pk
    assert member.role == Role.AMBASSADOR and not member.has_usable_password()
    assert (member.first_name, member.last_name) == ("Sam", "Smit")
    assert member.department.name == "Sales" and member.location.name == "Utrecht"
    assert AuditLog.objects.filter(action="provisioned", target_id=member.pk, details__via="sso").exists()
    assert client.get("/profile/").status_code == 200


def test_an_existing_member_with_a_verified_address_is_that_member(saml, settings):
    settings.MFA_REQUIRED_FOR_ROLES = ["master"]
    existing = MemberFactory(email="existing@example.com", role=Role.MASTER)
    client, response = saml_login(saml, "existing@example.com")
    assert response.status_code == 302, response.content[:3000]
    assert int(client.session["_auth_user_id"]) == existing.pk
    assert Member.objects.filter(email__iexact="existing@example.com").count() == 1
    existing.refresh_from_db()
    assert existing.role == Role.MASTER
    assert client.get("/profile/").status_code == 200  # the IdP asked its own second factor


def test_an_address_outside_the_verified_domains_does_not_sign_into_its_member(saml):
    victim = MemberFactory(email="outsider@elsewhere.test")
    client, _response = saml_login(saml, "outsider@elsewhere.test")
    assert client.session.get("_auth_user_id") != str(victim.pk)


def test_a_member_switched_off_cannot_come_in_through_saml(saml):
    member = MemberFactory(email="existing@example.com")
    provisioning.update_member(member=member, changes=provisioning.MemberChanges(active=False))
    client, response = saml_login(saml, "existing@example.com")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response["Location"] == "/accounts/inactive/"


def test_a_tampered_assertion_is_refused(saml):
    client, action, payload, relay_state = saml_response(saml, "sam@example.com")
    forged = base64.b64encode(base64.b64decode(payload).replace(b"Sales", b"Board")).decode()
    response = post_to_acs(client, action, forged, relay_state)
    assert response.status_code == 401 and "_auth_user_id" not in client.session
    assert not Member.objects.filter(email="sam@example.com").exists()


def test_a_response_to_a_request_we_did_not_send_is_refused(saml):
    """Replayed into another browser (no matching AuthnRequest in its session)."""
    _client, action, payload, relay_state = saml_response(saml, "sam@example.com")
    stranger = Client(HTTP_HOST="testserver")
    post_to_acs(stranger, action, payload, relay_state)
    assert "_auth_user_id" not in stranger.session


def test_the_metadata_can_come_from_a_file(saml, settings, tmp_path):
    file = tmp_path / "idp-metadata.xml"
    file.write_bytes(requests.get(f"{saml}/metadata/", timeout=10).content)
    app = saml_app(saml, idp={"entity_id": None, "metadata_file": str(file)})
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}, "saml": {"APPS": [app]}}
    client, response = saml_login(saml, "sam@example.com")
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_the_department_follows_the_idp_at_each_login_and_an_empty_one_wipes_nothing(saml):
    client, _ = saml_login(saml, "existing@example.com")
    member = Member.objects.get(email="existing@example.com")
    assert member.department.name == "HR"
    idp_says(saml, "existing@example.com", {"givenName": "Eva", "sn": "de Bos", "department": "Finance"})
    try:
        saml_login(saml, "existing@example.com")
        member.refresh_from_db()
        assert (member.last_name, member.department.name, member.location.name) == ("de Bos", "Finance", "Zwolle")
        assert AuditLog.objects.filter(action="updated_by_idp", target_id=member.pk).count() == 1
    finally:
        idp_says(
            saml, "existing@example.com", {"givenName": "Eva", "sn": "Bos", "department": "HR", "location": "Zwolle"}
        )


def test_settings_configure_saml_from_the_environment(monkeypatch):
    import importlib

    monkeypatch.setenv("SSO_SAML_NAME", "Okta")
    monkeypatch.setenv("SSO_SAML_IDP_METADATA_URL", "https://contoso.okta.com/app/x/sso/saml/metadata")
    monkeypatch.setenv("BASE_URL", "https://ambassadors.example.org")
    monkeypatch.setenv("SSO_SAML_DEPARTMENT_ATTRIBUTES", "dept")
    environment = importlib.reload(importlib.import_module("cms.settings.environment"))
    identity = importlib.reload(importlib.import_module("cms.settings.identity"))
    try:
        [app] = identity.SOCIALACCOUNT_PROVIDERS["saml"]["APPS"]
        assert app["name"] == "Okta"
        assert app["settings"]["idp"]["metadata_url"].endswith("/sso/saml/metadata")
        assert app["settings"]["sp"]["entity_id"] == "https://ambassadors.example.org/accounts/saml/sso/metadata/"
        assert app["settings"]["attribute_mapping"]["department"] == ["dept"]
    finally:
        monkeypatch.undo()
        importlib.reload(environment)
        importlib.reload(identity)


def test_assertions_with_a_bad_signature_count_against_the_account_they_name(saml):
    """Forged responses for one member, each from another address: the per-account limit stops
    them, and while it holds that account's password does not get in either."""
    from tests.factories import PASSWORD

    member = MemberFactory(email="existing@example.com")
    _client, action, payload, relay_state = saml_response(saml, "existing@example.com")
    forged = base64.b64encode(base64.b64decode(payload).replace(b"Zwolle", b"Elsewhere")).decode()
    statuses = []
    for n in range(8):
        client = Client(HTTP_HOST="testserver", REMOTE_ADDR=f"198.51.100.{n}")
        posted = client.post("/accounts/saml/sso/acs/", {"SAMLResponse": forged, "RelayState": relay_state})
        statuses.append(posted.status_code if posted.status_code == 429 else client.get(posted["Location"]).status_code)
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}, statuses
    locked = Client(HTTP_ACCEPT_LANGUAGE="en").post("/login/", {"login": member.email, "password": PASSWORD})
    assert b"Too many failed login attempts" in locked.content
