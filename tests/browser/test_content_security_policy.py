"""The Content Security Policy in a real browser: every role's menu pages on the demo, the
API docs (Swagger UI) and the Wagtail admin (its relaxed policy) load without a single
violation, reported either as a console message or as a ``securitypolicyviolation`` event,
and the site's scripts still work (the phone menu, the calendar feed's address)."""

import pytest
from django.urls import reverse

from cms.navigation import menu_for
from courses.models import CoursePage
from people.models import Member
from tests.browser.week import DESKTOP, PHONE, log_in, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Registered before any page script runs (Playwright's init scripts are not subject to the
# page's policy): every violation the page reports lands in window.__cspViolations.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});
"""


class Violations:
    """What a page of this browser context reported: console messages about the policy and
    the violation events, with the page they happened on."""

    def __init__(self, context):
        self.found: list[str] = []
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("page", self.watch)

    def watch(self, page):
        page.on(
            "console",
            lambda message: (
                self.found.append(f"{page.url}: console: {message.text}")
                if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
                else None
            ),
        )
        page.on("pageerror", lambda error: self.found.append(f"{page.url}: script error: {error}"))

    def visit(self, page, url: str) -> None:
        page.goto(url)
        page.wait_for_load_state("load")
        self.collect(page)

    def collect(self, page) -> None:
        for violation in page.evaluate("window.__cspViolations || []"):
            self.found.append(f"{page.url}: {violation}")
        page.evaluate("window.__cspViolations = []")


def menu_urls(email: str) -> list[str]:
    member = Member.objects.get(email=email)
    urls = []
    for item in menu_for(member=member):
        for entry in item.children or (item,):
            if not entry.url.startswith("/admin/"):
                urls.append(entry.url)
    return urls


def test_the_check_sees_a_violation(live_server, new_context):
    """The recorder works: a page with an inline script under a strict policy is reported."""
    context = new_context()
    violations = Violations(context)
    page = context.new_page()
    page.route(
        "**/csp-self-test/",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": "script-src 'self'"},
            body="<!DOCTYPE html><title>x</title><script>document.title = 'ran'</script>",
        ),
    )
    violations.visit(page, live_server.url + "/csp-self-test/")
    assert page.title() == "x"
    assert any("script-src" in found for found in violations.found), violations.found


@pytest.mark.parametrize(
    "email, device",
    [
        ("ambassador@example.com", PHONE),
        ("creator@example.com", PHONE),
        ("editor@example.com", DESKTOP),
        ("activator@example.com", DESKTOP),
        ("master@example.com", DESKTOP),
        ("hr@example.com", DESKTOP),
    ],
)
def test_member_pages_load_without_a_violation(live_server, new_context, email, device):
    seed_demo()
    base = live_server.url
    context = new_context(**device)
    violations = Violations(context)
    page = context.new_page()
    violations.visit(page, base + reverse("login"))
    log_in(page, base, email)
    violations.collect(page)
    for url in menu_urls(email):
        violations.visit(page, base + url)
    # The site's scripts run: the phone menu opens; the feed address is selected on a click.
    if device is PHONE:
        page.goto(base + reverse("home"))
        page.get_by_role("button", name="Menu").click()
        assert page.locator("#main-nav.open").count() == 1
    violations.visit(page, base + reverse("events:my_calendar"))
    page.get_by_test_id("feed-url").click()
    assert (
        page.evaluate(
            "() => { const i = document.querySelector('[data-testid=feed-url]'); return i.selectionEnd - i.selectionStart }"
        )
        > 10
    )
    violations.collect(page)
    assert not violations.found, "\n".join(violations.found)


def test_swagger_ui_runs_under_the_policy(live_server, new_context):
    context = new_context(**DESKTOP)
    violations = Violations(context)
    page = context.new_page()
    violations.visit(page, live_server.url + "/api/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 20
    violations.collect(page)
    assert not violations.found, "\n".join(violations.found)


def test_the_wagtail_admin_works_under_its_relaxed_policy(live_server, new_context):
    """Dashboard, page explorer and a course's editor (inline panels, date pickers)."""
    seed_demo()
    base = live_server.url
    Member.objects.filter(email="master@example.com").update(is_superuser=True)
    course = CoursePage.objects.live().first()
    context = new_context(**DESKTOP)
    violations = Violations(context)
    page = context.new_page()
    log_in(page, base, "master@example.com")
    for url in ("/admin/", f"/admin/pages/{course.get_parent().pk}/", f"/admin/pages/{course.pk}/edit/"):
        violations.visit(page, base + url)
    page.locator("form#page-edit-form").wait_for()
    page.wait_for_timeout(500)  # the editor's scripts set up its panels after load
    violations.collect(page)
    assert not violations.found, "\n".join(violations.found)
