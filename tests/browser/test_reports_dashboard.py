"""HR opens the participation dashboard in a real browser: funnel, tables, SVG charts
(no CDN), a department filter, and the CSV download."""

import datetime
import uuid
from pathlib import Path

import pytest
from django.utils import timezone

from gamification.models import PointsEntry
from learning.models import LessonCompletion
from people.models import Department, Location
from tests.factories import PASSWORD, MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organisation():
    sales, support = Department.objects.create(name="Verkoop"), Department.objects.create(name="Support")
    utrecht = Location.objects.create(name="Utrecht")
    now = timezone.now()
    for i in range(12):
        member = MemberFactory(department=sales if i < 7 else support, location=utrecht)
        if i % 2 == 0:
            PointsEntry.objects.create(member=member, action="x", ref=str(i), points=5, occurred_at=now)
            LessonCompletion.objects.create(
                member=member,
                lesson_key=uuid.uuid4(),
                course_key=uuid.uuid4(),
                completed_at=now - datetime.timedelta(days=8),
            )
    return MemberFactory(email="hr@example.com", is_hr=True, department=sales, location=utrecht, language="en")


def test_hr_reads_the_dashboard_filters_and_downloads(live_server, new_context, artifacts, organisation):
    base = live_server.url
    context = new_context(locale="en-US", viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
    page.goto(base + "/login/")
    page.fill("#id_login", "hr@example.com")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()

    page.goto(base + "/reports/")
    funnel = page.get_by_test_id("funnel")
    assert funnel.is_visible()
    assert "Joined" in funnel.inner_text() and "13" in funnel.inner_text()
    assert "goal: 10%" in page.get_by_test_id("active-share").inner_text()
    assert page.locator("svg.chart").count() >= 2
    assert "Verkoop" in page.locator("table.report").first.inner_text()
    page.screenshot(path=str(artifacts / "reports-dashboard.png"), full_page=True)

    page.select_option("#f-department", label="Verkoop")
    with page.expect_navigation():
        page.get_by_test_id("report-filters").locator("button").click()
    assert "department=" in page.url
    assert "8" in page.get_by_test_id("funnel").inner_text()

    with page.expect_download() as download_info:
        page.get_by_test_id("export-csv").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert content.startswith("Department,Members") and "Verkoop" in content
    assert outside == []  # nothing loaded from outside the site (no CDN)
