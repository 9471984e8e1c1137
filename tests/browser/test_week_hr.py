"""HR's week on a desktop, in Dutch, on the demo organisation, through the menu: the
reports dashboard ("Rapportages") and the participation per department downloaded as CSV
(for Dutch Excel: the first line is the header)."""

from pathlib import Path

import pytest

from people.models import Member
from tests.browser.week import DESKTOP, Week, log_in, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "hr@example.com"


def test_hrs_week(live_server, new_context, artifacts, assert_accessible):
    seed_demo()
    Member.objects.filter(email=EMAIL).update(language="nl")
    base = live_server.url
    week = Week("hr", artifacts, assert_accessible)
    page = new_context(accept_downloads=True, **DESKTOP).new_page()
    log_in(page, base, EMAIL)
    week.step(page, "home")

    week.go(page, "reports")
    assert page.locator("#main-nav [data-testid=nav-reports]").get_attribute("aria-current") == "page"
    assert page.locator("h1").first.inner_text().strip() in ("Rapportages", "Deelname")
    funnel = page.get_by_test_id("funnel")
    assert funnel.is_visible()
    assert "Aangemeld" in funnel.inner_text() or "Lid" in funnel.inner_text(), funnel.inner_text()
    assert page.locator("svg.chart").count() >= 1
    week.step(page, "rapportages")

    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    path = Path(download.value.path())
    first_line = path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first_line.startswith("Afdeling"), first_line
    assert ";" in first_line, f"not a CSV for Dutch Excel (semicolons): {first_line}"
    assert download.value.suggested_filename.endswith(".csv")
    week.step(page, "na-export", check=False)
    week.assert_accessible_throughout()
