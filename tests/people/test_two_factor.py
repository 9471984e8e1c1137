"""Two-factor authentication (allauth.mfa, people/middleware.py, people/adapter.py, the token
endpoint): required for the roles in MFA_REQUIRED_FOR_ROLES when they log in with a password,
off for the demo, on for Masters and HR in production settings."""

import importlib
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from people.models import Role
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_code(secret: str = SECRET) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def log_in(email, password=PASSWORD, language="en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.post("/login/", {"login": email, "password": password})
    return client, response


def token(email, password=PASSWORD, **extra):
    return APIClient().post("/api/v1/auth/token/", {"email": email, "password": password, **extra}, format="json")


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_FOR_ROLES = ["master", "hr"]


@pytest.fixture
def master(db):
    return MemberFactory(role=Role.MASTER, email="master@example.com")


# --- off: the demo ----------------------------------------------------------------------


def test_off_by_default_masters_log_in_with_e_mail_and_password(master):
    client, response = log_in(master.email)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/profile/").status_code == 200
    assert token(master.email).status_code == 200


def test_the_demo_settings_leave_it_off():
    dev = importlib.import_module("cms.settings.dev")
    assert dev.MFA_REQUIRED_FOR_ROLES == []


def test_production_settings_require_it_for_masters_and_hr(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "test")
    monkeypatch.delenv("MFA_REQUIRED_FOR_ROLES", raising=False)
    production = importlib.reload(importlib.import_module("cms.settings.production"))
    assert production.MFA_REQUIRED_FOR_ROLES == ["master", "hr"]


# --- required ---------------------------------------------------------------------------


def test_a_master_without_an_app_must_set_one_up_first(required, master):
    client, response = log_in(master.email)
    assert response.status_code == 302
    page = client.get("/profile/")
    assert page.status_code == 302 and page["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/admin/").status_code == 302
    api = client.get("/api/v1/me/")
    assert api.status_code == 403 and api.json()["code"] == "mfa_setup_required"
    # allauth asks the password once more before an app is added.
    activate = client.get("/accounts/2fa/totp/activate/")
    assert activate.status_code == 302 and activate["Location"].startswith("/accounts/reauthenticate/")


def reauthenticate(client, password=PASSWORD):
    response = client.post("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/", {"password": password})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/", response.content


def test_hr_is_asked_too_and_ambassadors_are_not(required):
    hr = MemberFactory(role=Role.AMBASSADOR, is_hr=True)
    ambassador = MemberFactory(role=Role.AMBASSADOR)
    hr_client, _ = log_in(hr.email)
    assert hr_client.get("/profile/").status_code == 302
    ambassador_client, _ = log_in(ambassador.email)
    assert ambassador_client.get("/profile/").status_code == 200
    assert token(ambassador.email).status_code == 200


def test_setting_up_the_app_then_logging_in_with_its_code(required, master):
    master.language = "nl"
    master.save()
    client, _ = log_in(master.email, language="nl")
    reauthenticate(client)
    page = client.get("/accounts/2fa/totp/activate/")
    body = page.content.decode()
    assert 'class="site-header"' in body  # in the site's own frame
    assert "Activeer authenticator-app" in body and "data:image/svg+xml" in body  # Dutch, with the QR code
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302, response.content
    assert Authenticator.objects.filter(user=master, type=Authenticator.Type.TOTP).exists()
    assert client.get("/profile/").status_code == 200

    cache.clear()  # a code works once; the next login gets a fresh one
    second, response = log_in(master.email)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/authenticate/")
    assert second.get("/profile/").status_code == 302  # not in yet
    done = second.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert done.status_code == 302
    assert second.get("/profile/").status_code == 200


def test_a_wrong_code_at_login_does_not_let_in(required, master):
    TOTP.activate(master, SECRET)
    client, response = log_in(master.email)
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/profile/").status_code == 302


def test_the_profile_links_to_the_setup_in_dutch(master):
    client = Client()
    master.language = "nl"
    master.save()
    client.force_login(master)
    body = client.get("/profile/").content.decode()
    assert 'data-testid="two-factor"' in body and 'href="/accounts/2fa/"' in body
    assert "Tweestapsverificatie instellen" in body
    assert client.get("/accounts/2fa/").status_code == 200


def test_after_sso_no_app_is_asked(required, master):
    client = Client()
    client.force_login(master)
    session = client.session
    session["account_authentication_methods"] = [{"method": "socialaccount", "provider": "oidc"}]
    session.save()
    assert client.get("/profile/").status_code == 200


# --- API tokens only after the second factor --------------------------------------------


def test_token_needs_an_app_then_its_code(required, master):
    refused = token(master.email)
    assert refused.status_code == 403 and refused.json()["code"] == "mfa_setup_required"

    TOTP.activate(master, SECRET)
    missing = token(master.email)
    assert missing.status_code == 401 and missing.json()["code"] == "mfa_code_required"
    assert missing["WWW-Authenticate"] == "Token"
    wrong = token(master.email, code="123456")
    assert wrong.status_code == 401 and wrong.json()["code"] == "invalid_mfa_code"
    right = token(master.email, code=current_code())
    assert right.status_code == 200 and re.fullmatch(r"[0-9a-f]{40}", right.json()["token"])


def test_wrong_codes_count_as_failed_logins(required, master):
    TOTP.activate(master, SECRET)
    statuses = [token(master.email, code=f"{n:06d}").status_code for n in range(8)]
    assert 429 in statuses and statuses.index(429) <= 5
    assert token(master.email, code=current_code()).status_code == 429
