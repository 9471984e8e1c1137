"""The main menu on a phone (390×844): folded behind the "Menu" button (aria-expanded,
aria-controls), opened and closed with the keyboard; without JavaScript every link is
still there."""

import pytest

from people.models import Role
from people.roles import ensure_role_groups
from tests.factories import PASSWORD, MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}


def log_in(page, base, email):
    page.goto(base + "/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()


@pytest.fixture
def creator(db):
    ensure_role_groups()
    return MemberFactory(role=Role.CREATOR, email="creator@example.com", display_name="Carla", language="nl")


def test_the_phone_menu_folds_behind_a_button(live_server, new_context, artifacts, creator):
    base = live_server.url
    page = new_context(**PHONE).new_page()
    log_in(page, base, creator.email)
    toggle = page.get_by_role("button", name="Menu")
    nav = page.locator("#main-nav")
    assert toggle.is_visible() and toggle.get_attribute("aria-controls") == "main-nav"
    assert toggle.get_attribute("aria-expanded") == "false" and not nav.is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 80, header
    page.screenshot(path=str(artifacts / "phone-menu-closed.png"))

    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and nav.is_visible()
    for name in ("Deel dit", "Mijn leren", "Sessies", "Challenges", "Ranglijst", "Deel een moment"):
        assert nav.get_by_role("link", name=name, exact=True).is_visible(), name
    page.locator(".nav-me summary").click()
    assert nav.get_by_role("link", name="Mijn verhalen").is_visible()
    assert nav.get_by_role("link", name="Mijn profiel").is_visible()
    page.screenshot(path=str(artifacts / "phone-menu-open.png"), full_page=True)

    page.keyboard.press("Escape")  # closes the group
    page.keyboard.press("Escape")  # then the menu
    assert toggle.get_attribute("aria-expanded") == "false" and not nav.is_visible()

    page.get_by_role("button", name="Menu").click()
    with page.expect_navigation():
        nav.get_by_role("link", name="Mijn leren", exact=True).click()
    page.get_by_role("button", name="Menu").click()
    assert page.locator('#main-nav a[aria-current="page"]').inner_text().strip() == "Mijn leren"


def test_without_javascript_the_menu_is_still_there(live_server, new_context, creator):
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    log_in(page, live_server.url, creator.email)
    assert not page.get_by_role("button", name="Menu").is_visible()
    nav = page.locator("#main-nav")
    assert nav.get_by_role("link", name="Deel dit", exact=True).is_visible()
    page.locator(".nav-me summary").click()  # <details> opens without a script
    assert nav.get_by_role("link", name="Mijn profiel").is_visible()
