"""A member who forgot their password, in a real browser: "Wachtwoord vergeten?" on the login
page, the link from the e-mail, a new password, and logging in with it (phone and desktop)."""

import re
from urllib.parse import urlsplit

import pytest

from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "purple tractor sings 42"


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_forgot_password_by_mail_then_log_in(device, live_server, new_context, artifacts, settings, mailoutbox):
    settings.BASE_URL = live_server.url
    MemberFactory(email="anna@example.com", display_name="Anna de Vries", language="nl")
    viewport = {"width": 390, "height": 844} if device == "phone" else {"width": 1280, "height": 900}
    page = new_context(viewport=viewport, locale="nl-NL").new_page()
    base = live_server.url

    page.goto(base + "/login/")
    page.screenshot(path=artifacts / f"accounts-{device}-1-login.png", full_page=True)
    with page.expect_navigation():
        page.get_by_text("Wachtwoord vergeten?").click()
    page.fill("#id_email", "anna@example.com")
    page.screenshot(path=artifacts / f"accounts-{device}-2-forgot.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Stuur de link").click()
    assert "Kijk in je mailbox" in page.inner_text("h1")
    page.screenshot(path=artifacts / f"accounts-{device}-3-sent.png", full_page=True)

    [mail] = mailoutbox
    assert mail.subject == "Kies een nieuw wachtwoord voor Social Shift"
    html = mail.alternatives[0][0]
    mail_page = new_context(viewport=viewport).new_page()
    mail_page.set_content(html)
    mail_page.screenshot(path=artifacts / f"accounts-{device}-4-mail.png", full_page=True)
    link = re.search(r"https?://\S+/password-reset/\S+/", mail.body).group(0)
    assert urlsplit(link).netloc == urlsplit(base).netloc

    page.goto(link)
    assert page.inner_text("h1") == "Kies een nieuw wachtwoord"
    page.fill("#id_new_password1", "12345678")
    page.fill("#id_new_password2", "12345678")
    with page.expect_navigation():
        page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    assert page.locator(".error").count() >= 1
    page.screenshot(path=artifacts / f"accounts-{device}-5-weak.png", full_page=True)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    assert page.inner_text("h1") == "Je nieuwe wachtwoord is ingesteld"
    page.screenshot(path=artifacts / f"accounts-{device}-6-done.png", full_page=True)

    with page.expect_navigation():
        page.get_by_test_id("password-reset-complete").get_by_role("link", name="Inloggen").click()
    page.fill("#id_login", "anna@example.com")
    page.fill("#id_password", NEW_PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()
    assert "/login/" not in page.url
    page.goto(base + "/profile/")
    assert page.get_by_test_id("security").is_visible()
    page.screenshot(path=artifacts / f"accounts-{device}-7-profile.png", full_page=True)
    assert mailoutbox[-1].subject == "Je Social Shift-wachtwoord is gewijzigd"

    # From the profile: the change-password page, and logging out everywhere keeps this browser.
    with page.expect_navigation():
        page.get_by_role("link", name="Wachtwoord wijzigen").click()
    assert page.inner_text("h1") == "Wachtwoord wijzigen"
    page.screenshot(path=artifacts / f"accounts-{device}-8-change.png", full_page=True)
    page.goto(base + "/profile/")
    with page.expect_navigation():
        page.get_by_test_id("log-out-everywhere").click()
    assert "Je bent uitgelogd op alle andere browsers en apps." in page.inner_text(".messages")
    page.screenshot(path=artifacts / f"accounts-{device}-9-logged-out-elsewhere.png")
