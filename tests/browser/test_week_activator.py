"""A Social Activator's week on a phone (390×844), in Dutch, on the demo organisation, through
the menu: "Beheren" holds the pilot, the invitations and Beheer, all for their own
department; a line for another department is refused with its line number; Beheer shows the
content calendar read-only and their department's session attendance."""

import pytest

from people.models import Invitation, Member
from tests.browser.week import PHONE, Week, log_in, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "activator@example.com"


def test_an_activators_week_on_a_phone(live_server, new_context, artifacts, assert_accessible, settings):
    seed_demo()
    settings.BASE_URL = live_server.url
    Member.objects.filter(email=EMAIL).update(language="nl")
    me = Member.objects.select_related("department").get(email=EMAIL)
    other = Member.objects.exclude(department=me.department).exclude(department=None).select_related("department")
    other_department = other.first().department.name
    base = live_server.url
    week = Week("activator", artifacts, assert_accessible)
    page = new_context(**PHONE).new_page()

    log_in(page, base, EMAIL)
    week.step(page, "home")
    week.open_menu(page)
    page.get_by_test_id("nav-manage").locator("summary").click()
    manage = page.get_by_test_id("nav-manage")
    for key, label in (
        ("manage_challenges", "Challenges beheren"),
        ("pilot", "Pilotgroep"),
        ("invitations", "Uitnodigingen"),
        ("admin", "Beheer"),
    ):
        assert manage.get_by_test_id(f"nav-{key}").inner_text().strip() == label, key
    week.step(page, "menu-beheren")

    # The pilot: their department's members, the organisation as pooled totals.
    week.go(page, "pilot", group="manage")
    assert page.get_by_test_id("pilot-scope").is_visible()
    assert me.department.name in page.get_by_test_id("pilot-scope").inner_text()
    week.step(page, "pilotgroep")

    # Invitations: a line for another department is refused with its number; then sent.
    week.go(page, "invitations", group="manage")
    assert me.department.name in page.get_by_test_id("invite-scope").inner_text()
    page.fill("#id_rows", f"Sanne Smit,sanne.smit@example.com,,\nIvo Vos,ivo.vos@example.com,{other_department},")
    with page.expect_navigation():
        page.locator("form button.primary").click()
    errors = page.get_by_test_id("invitation-errors").inner_text()
    assert "Regel 2" in errors and "alleen mensen uitnodigen voor je eigen afdeling" in errors
    assert not Invitation.objects.filter(email="sanne.smit@example.com").exists()
    week.step(page, "uitnodiging-andere-afdeling")
    page.fill("#id_rows", "Sanne Smit,sanne.smit@example.com,,")
    with page.expect_navigation():
        page.locator("form button.primary").click()
    assert Invitation.objects.get(email="sanne.smit@example.com").department_id == me.department_id
    assert "sanne.smit@example.com" in page.locator("main table").inner_text()
    week.step(page, "uitnodiging-verstuurd")

    # Beheer: the Wagtail admin with the content calendar (read-only) and attendance.
    week.go(page, "admin", group="manage")
    assert "/admin/" in page.url
    week.step(page, "beheer", check=False)
    page.goto(base + "/admin/snippets/strategy/calendarentry/")
    assert page.locator("main").get_by_text("Koningsdag").count() >= 1
    week.step(page, "inhaakkalender", check=False)
    page.goto(base + "/session/attendance/")
    assert me.department.name in page.get_by_test_id("attendance-scope").inner_text()
    week.step(page, "aanwezigheid")
    week.assert_accessible_throughout()
