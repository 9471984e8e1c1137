"""The planning board in a real browser: a Social Creator drags a card to the next column
(HTML5 drag and drop, saved through the API), and on a phone moves one with the card's own
select and button; the status is stored and stays after a reload."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from people.models import Role
from strategy.models import PlanItem, PlanStatus
from tests.factories import PASSWORD, MemberFactory
from tests.strategy.factories import PlanItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, email):
    page.goto(base_url + "/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()


def test_drag_and_the_phone_fallback_change_the_status(live_server, new_context, artifacts):
    creator = MemberFactory(email="c@example.com", role=Role.CREATOR, language="nl")
    today = timezone.localdate()
    dragged = PlanItemFactory(owner=creator, title="Beursfoto", due=today, status=PlanStatus.PLANNED)
    moved = PlanItemFactory(owner=creator, title="Klantverhaal", due=today, status=PlanStatus.IDEA)
    base = live_server.url

    page = new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, base, "c@example.com")
    page.goto(base + "/plan/")
    assert page.get_by_role("heading", name="Contentplan").is_visible()
    card = page.locator(f"#item-{dragged.pk}")
    with page.expect_response(lambda r: f"/api/v1/plan/items/{dragged.pk}/" in r.url and r.status == 200):
        card.drag_to(page.get_by_test_id("column-in_progress"))
    # The script moves the card once it has read the response's body, a moment after the
    # response itself: wait for the card rather than look once.
    expect(page.get_by_test_id("column-in_progress").locator(f"#item-{dragged.pk}")).to_have_count(1)
    page.screenshot(path=str(artifacts / "plan-board-drag.png"), full_page=True)
    dragged.refresh_from_db()
    assert dragged.status == PlanStatus.IN_PROGRESS

    phone = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    log_in(phone, base, "c@example.com")
    phone.goto(base + "/plan/")
    phone.select_option(f"#status-{moved.pk}", "planned")
    with phone.expect_navigation():
        phone.locator(f"#item-{moved.pk} button").click()
    assert phone.get_by_test_id("column-planned").locator(f"#item-{moved.pk}").count() == 1
    phone.screenshot(path=str(artifacts / "plan-board-phone.png"), full_page=True)
    assert PlanItem.objects.get(pk=moved.pk).status == PlanStatus.PLANNED
