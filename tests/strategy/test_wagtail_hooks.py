"""Masters keep the content calendar in the admin (strategy/wagtail_hooks.py)."""

import pytest

from strategy.models import CalendarEntry
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_masters_manage_the_calendar_in_the_admin(client_for, master):
    client = client_for(master)
    assert client.get("/admin/snippets/strategy/calendarentry/").status_code == 200
    assert client.get("/admin/snippets/strategy/calendarentry/add/").status_code == 200
    response = client.post(
        "/admin/snippets/strategy/calendarentry/add/",
        {"title": "Beurs", "title_en": "", "kind": "trade_fair", "starts_on": "2031-05-02", "ends_on": "2031-05-01"},
    )
    assert response.status_code == 200 and "cannot be before the first" in response.content.decode()
    assert not CalendarEntry.objects.filter(title="Beurs").exists()
    response = client.post(
        "/admin/snippets/strategy/calendarentry/add/",
        {"title": "Beurs", "title_en": "", "kind": "trade_fair", "starts_on": "2031-05-02", "ends_on": ""},
    )
    assert response.status_code == 302 and CalendarEntry.objects.filter(title="Beurs").exists()


def test_others_do_not(client_for):
    ambassador = client_for(MemberFactory())
    assert ambassador.get("/admin/snippets/strategy/calendarentry/").status_code in (302, 403)


def test_the_month_page_links_masters_to_a_new_entry(client_for, master):
    page = client_for(master).get("/content-calendar/").content.decode()
    assert 'href="/admin/snippets/strategy/calendarentry/add/"' in page
    assert "/admin/snippets/" not in client_for(MemberFactory()).get("/content-calendar/").content.decode()
