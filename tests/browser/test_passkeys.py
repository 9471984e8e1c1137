"""A passkey as the second factor, in a real browser: Chromium's virtual authenticator (the
DevTools protocol's WebAuthn domain) plays the phone or fingerprint reader. A member adds a
passkey from their profile (in Dutch), logs out, and logs in with their password and then the
passkey. WebAuthn needs a secure context: the live server runs on localhost, which counts,
and the relying party is that host."""

import pytest
from allauth.mfa.models import Authenticator

from tests.factories import PASSWORD, MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def virtual_authenticator(page) -> str:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return added["authenticatorId"]


def log_in_with_password(page, base: str, email: str) -> None:
    page.goto(base + "/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen", exact=True).click()


def test_add_a_passkey_then_log_in_with_it_as_the_second_factor(live_server, new_context, artifacts, settings):
    settings.MFA_REQUIRED_FOR_ROLES = ["master"]
    member = MemberFactory(email="passkey@example.com", role="master", language="nl")
    page = new_context(viewport=PHONE, locale="nl-NL").new_page()
    virtual_authenticator(page)
    base = live_server.url
    assert base.startswith("http://localhost:")

    # A Master without a second factor is sent to set one up; a passkey will do.
    log_in_with_password(page, base, member.email)
    page.goto(base + "/profile/")
    assert "2fa%2Ftotp%2Factivate" in page.url  # to the setup page, after the password once more
    page.goto(base + "/accounts/2fa/webauthn/add/")
    if "/accounts/reauthenticate/" in page.url:
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Voeg beveiligingssleutel toe"
    page.screenshot(path=artifacts / "passkey-1-add.png", full_page=True)
    page.fill("#id_name", "Mijn telefoon")
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen").click()
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.WEBAUTHN).exists()
    page.screenshot(path=artifacts / "passkey-2-added.png", full_page=True)
    page.goto(base + "/profile/")
    assert page.url == base + "/profile/"  # the passkey counts as the second factor
    assert page.get_by_test_id("add-passkey").inner_text() == "Passkey toevoegen"
    page.screenshot(path=artifacts / "passkey-3-profile.png", full_page=True)

    # Log out, then in again: the password, then the passkey.
    page.context.clear_cookies()
    log_in_with_password(page, base, member.email)
    assert "/accounts/2fa/authenticate/" in page.url
    page.screenshot(path=artifacts / "passkey-4-second-step.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Gebruik een beveiligingssleutel").click()
    page.goto(base + "/profile/")
    assert page.url == base + "/profile/"
    assert page.get_by_test_id("role").is_visible()
