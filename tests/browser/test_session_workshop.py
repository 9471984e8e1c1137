"""A member registers for a LinkedIn workshop in a real browser, gets a place, downloads
the .ics, and is checked in by the host who types the member's code on the scan page."""

import datetime
from pathlib import Path

import icalendar
import pytest

from events.models import Registration, SessionKind
from tests.events.factories import SessionFactory
from tests.factories import MemberFactory

from .test_learning_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_for_a_workshop_get_the_ics_and_be_checked_in(live_server, new_context, artifacts):
    host = MemberFactory(email="host@example.com", display_name="Hanna Host")
    member = MemberFactory(email="sanne@example.com", display_name="Sanne de Vries", language="en")
    workshop = SessionFactory(
        title="LinkedIn profile workshop",
        kind=SessionKind.LINKEDIN_WORKSHOP,
        starts_in=datetime.timedelta(minutes=45),
        capacity=2,
        hosts=[host],
        online_url="https://meet.example.com/linkedin",
    )
    base = live_server.url

    page = new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
    log_in(page, base, email=member.email)
    page.goto(base + "/session/")
    page.get_by_role("link", name="LinkedIn profile workshop").click()
    assert page.get_by_test_id("online-link").count() == 0
    with page.expect_navigation():
        page.get_by_test_id("register").click()
    assert "You have a place" in page.get_by_test_id("registration").inner_text()
    assert page.get_by_test_id("online-link").get_attribute("href") == "https://meet.example.com/linkedin"
    assert page.get_by_test_id("workshop-checklist").is_visible()

    with page.expect_download() as download_info:
        page.get_by_test_id("ics").click()
    calendar = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "LinkedIn profile workshop"
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("dtstart") == workshop.starts_at.replace(microsecond=0)

    page.locator("details.check-in-code summary").click()
    code = page.get_by_test_id("check-in-code").inner_text().strip()
    page.screenshot(path=str(artifacts / "session-registered.png"), full_page=True)

    host_page = new_context(viewport={"width": 390, "height": 844}).new_page()  # a phone
    log_in(host_page, base, email=host.email)
    host_page.goto(base + f"/session/{workshop.pk}/check-in/scan/")
    host_page.get_by_test_id("manual-code").fill(code.lower())
    with host_page.expect_navigation():
        host_page.get_by_role("button", name="Check in").click()
    assert "Sanne de Vries is checked in." in host_page.locator(".messages").inner_text()
    host_page.screenshot(path=str(artifacts / "session-check-in.png"), full_page=True)

    page.reload()
    assert page.get_by_test_id("checked-in").is_visible()
    registration = Registration.objects.get(member=member)
    assert registration.attended and registration.checked_in_by_id == host.pk
