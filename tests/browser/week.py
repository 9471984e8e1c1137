"""Shared steps for the "a role's week" browser tests: the demo organisation, signing in
(the only typed URL), moving through the main menu (the phone's "Menu" button first) and
one numbered screenshot per step in ``tests/artifacts/week-<role>-<nn>-<step>.png``."""

import re

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from cms.management.commands.seed_demo import PASSWORD as DEMO_PASSWORD
from tests import dbtemplate

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "nl-NL"}


def seed_demo() -> None:
    """The Dutch demo organisation with ten generated members (seed_demo refuses to run with
    DEBUG off), committed as it is with ``make run``: built by the run's first browser
    test, copied in for the next ones (tests/dbtemplate.py). The Redis board index, flushed
    before every test, is rebuilt from the ledger after a copy, as after a Redis restart."""

    def build():
        with override_settings(DEBUG=True):
            call_command("seed_demo", members=10, verbosity=0)

    if dbtemplate.restore_or_build(connection, "demo10", build) and settings.REDIS_URL:
        call_command("rebuild_leaderboards", verbosity=0)


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()
    assert page.url == base + "/", f"after logging in as {email}: {page.url}"


class Week:
    """One role's week: ``step(page, "name")`` saves the next numbered screenshot and runs
    axe-core on the page (``check=False`` for Wagtail's own admin screens);
    ``go(page, "share")`` clicks the menu item ``nav-share`` (opening the phone menu or the
    group it sits in first) and waits for the page."""

    def __init__(self, role: str, artifacts, assert_accessible):
        self.role = role
        self.artifacts = artifacts
        self.assert_accessible = assert_accessible
        self.n = 0
        self.violations: list[str] = []

    def step(self, page, name: str, *, check: bool = True) -> None:
        self.n += 1
        page.screenshot(path=str(self.artifacts / f"week-{self.role}-{self.n:02d}-{name}.png"), full_page=True)
        if check:
            # Collected, so that one page's defect does not hide the rest of the week.
            try:
                self.assert_accessible(page, f"{self.role} step {self.n} {name}")
            except AssertionError as exc:
                self.violations.append(str(exc))

    def assert_accessible_throughout(self) -> None:
        """Fails with every accessibility violation met on the way (call at the end)."""
        assert not self.violations, "\n\n".join(self.violations)

    def open_menu(self, page) -> None:
        toggle = page.locator("button.menu-toggle")
        if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
            assert toggle.get_attribute("aria-expanded") == "true"

    def go(self, page, key: str, group: str | None = None):
        """Click the menu item ``nav-<key>`` (inside the group ``nav-<group>`` if given)."""
        self.open_menu(page)
        if group:
            details = page.get_by_test_id(f"nav-{group}")
            assert details.count() == 1, f"menu group nav-{group} missing for {self.role}"
            if details.get_attribute("open") is None:
                details.locator("summary").click()
        link = page.locator(f"#main-nav [data-testid='nav-{key}']")
        assert link.count() == 1, f"menu item nav-{key} missing for {self.role} on {page.url}"
        with page.expect_navigation():
            link.click()
        return link


def number(text: str) -> int:
    found = re.search(r"\d+", text)
    assert found, f"no number in {text!r}"
    return int(found.group())
