"""An ambassador on a phone subscribes to the content calendar: the address is on the
calendar page, "Kopiëren" puts it on the clipboard, the feed opens without logging in, and
"Intrekken" makes a new address while the old one stops working."""

import pytest

from people.models import Role
from people.roles import ensure_role_groups
from tests.browser.test_phone_menu import PHONE, log_in
from tests.factories import MemberFactory
from tests.strategy.factories import CalendarEntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_copy_subscribe_and_revoke_on_a_phone(live_server, new_context, artifacts):
    ensure_role_groups()
    member = MemberFactory(role=Role.AMBASSADOR, email="amber@example.com", display_name="Amber", language="nl")
    CalendarEntryFactory(title="Dag van de Social Media")
    base = live_server.url
    context = new_context(**PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    log_in(page, base, member.email)
    page.goto(base + "/content-calendar/")
    section = page.get_by_test_id("calendar-subscribe")
    assert section.get_by_role("heading", name="Abonneren in je agenda").is_visible()
    address = page.get_by_test_id("feed-url").input_value()
    assert "/content-calendar/feed/" in address
    box = section.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # no sideways scrolling
    page.get_by_role("button", name="Kopiëren").click()
    page.get_by_role("button", name="Gekopieerd").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == address
    page.screenshot(path=str(artifacts / "content-calendar-subscribe-phone.png"), full_page=True)

    feed = new_context().request.get(address)
    assert feed.status == 200 and "Dag van de Social Media" in feed.text()

    with page.expect_navigation():
        page.get_by_test_id("revoke-feed").click()
    assert "nieuw adres" in page.content()
    new_address = page.get_by_test_id("feed-url").input_value()
    assert new_address != address
    assert new_context().request.get(address).status == 404
    assert new_context().request.get(new_address).status == 200
