"""A Social Master reads the outcomes report on a phone: goals against their targets, the
honest labels (measured, self-reported, estimated, unknown), per department and wave, and
filters by goal; no sideways scrolling of the page."""

import datetime

import pytest
from django.utils import timezone

from people.models import Member, Role
from tests.challenges.factories import (
    ConversionFactory,
    ShareClickFactory,
    ShareFactory,
    ShareLinkFactory,
    StoryFactory,
)
from tests.factories import PASSWORD, DepartmentFactory, MemberFactory
from tests.strategy.factories import GoalFactory, KeyMessageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organisation():
    sales, care = DepartmentFactory(name="Verkoop"), DepartmentFactory(name="Zorg")
    team = [MemberFactory(department=sales, wave=1) for _ in range(6)] + [
        MemberFactory(department=care, wave=2) for _ in range(6)
    ]
    recruitment = GoalFactory(name="Werving", target=20)
    message = KeyMessageFactory(goal=recruitment, name="Werken bij ons is leren")
    GoalFactory(name="Werkgeversmerk", measure="shares", target=40, kind="employer_brand")
    story = StoryFactory(creator=team[0], status="approved", approved_at=timezone.now() - datetime.timedelta(days=3))
    story.messages.set([message])
    for member in team[:8]:
        ShareFactory(member=member, story=story)
        link = ShareLinkFactory(member=member, story=story)
        ShareClickFactory(link=link)
    for n in range(5):
        ConversionFactory(link=Member.objects.get(pk=team[n].pk).share_links.first(), kind="application")
    Member.objects.update(date_joined=timezone.now() - datetime.timedelta(days=200))
    return MemberFactory(email="master@example.com", role=Role.MASTER, department=None, language="en")


def test_a_master_reads_the_outcomes_report_on_a_phone(live_server, new_context, artifacts, organisation):
    base = live_server.url
    context = new_context(locale="en-US", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base + "/login/")
    page.fill("#id_login", "master@example.com")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()

    page.goto(base + "/reports/")
    with page.expect_navigation():
        page.get_by_role("link", name="Outcomes").click()
    labels = page.get_by_test_id("outcome-labels").inner_text()
    for word in ("measured", "self-reported", "estimated", "unknown"):
        assert word in labels
    goals = page.get_by_test_id("outcome-goal")
    assert goals.count() == 2
    werving = goals.filter(has_text="Werving").inner_text()
    assert "5 of 20 applications" in werving and "Werken bij ons is leren" in werving
    assert "Manager involvement" in page.get_by_test_id("manager-involvement").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(artifacts / "outcomes-phone.png"), full_page=True)

    page.select_option("#f-goal", label="Werkgeversmerk")
    with page.expect_navigation():
        page.get_by_test_id("report-filters").locator("button").click()
    assert page.get_by_test_id("outcome-goal").count() == 1
    assert "Werkgeversmerk" in page.get_by_test_id("outcome-goal").inner_text()
