"""axe-core (WCAG 2.1 A and AA) on the pages every role uses, on the demo organisation: as
the Ambassador on a phone, as Social Master, Editor and HR on a desktop, and as a visitor.
No serious or critical violation anywhere; axe-core comes from node_modules/ (`make npm`)."""

import pytest
from django.urls import reverse

from cms.management.commands.seed_demo import PASSWORD as DEMO_PASSWORD
from tests.browser.week import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def member_pages():
    return [
        reverse("home"),
        reverse("challenges:feed"),
        reverse("learning:dashboard"),
        reverse("events:sessions"),
        reverse("challenges:list"),
        reverse("gamification:leaderboard"),
        reverse("people:profile"),
    ]


def log_in(page, base, email):
    page.goto(base + "/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()
    assert page.url == base + "/", page.url


def test_every_roles_pages_are_accessible(live_server, new_context, artifacts, assert_accessible):
    seed_demo()
    base = live_server.url
    failures = []

    def check(page, label):
        try:
            assert_accessible(page, label)
        except AssertionError as exc:
            failures.append(str(exc))

    # A visitor: the home and the login page.
    page = new_context(locale="nl-NL", **PHONE).new_page()
    for path in (reverse("home"), reverse("login")):
        page.goto(base + path)
        check(page, f"visitor {path}")

    extra = {
        "ambassador@example.com": [],
        "master@example.com": [reverse("challenges:review_queue"), reverse("reports:dashboard")],
        "editor@example.com": [reverse("challenges:review_queue")],
        "hr@example.com": [reverse("reports:dashboard")],
    }
    for email, paths in extra.items():
        viewport = PHONE if email.startswith("ambassador") else DESKTOP
        page = new_context(locale="nl-NL", **viewport).new_page()
        log_in(page, base, email)
        for path in [*member_pages(), *paths]:
            page.goto(base + path)
            check(page, f"{email} {path}")
        # The menu, opened (the phone's button, or the groups on a desktop).
        page.goto(base + reverse("home"))
        if viewport is PHONE:
            page.get_by_role("button", name="Menu").click()
        page.locator(".nav-me summary").click()
        check(page, f"{email} menu open")
        page.screenshot(path=str(artifacts / f"a11y-menu-{email.split('@')[0]}.png"))
    assert not failures, "\n\n".join(failures)
