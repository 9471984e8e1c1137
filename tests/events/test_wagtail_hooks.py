"""Sessions in Wagtail and beside the other apps (events/wagtail_hooks.py): the checklist
snippet, the attendance menu and check-in button for Masters, the section on the learning
dashboard, and the navigation."""

import pytest

from events.models import LinkedInChecklistItem
from events.services.registration import register
from tests.events.factories import SessionFactory, session_index
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_masters_manage_the_checklist_in_the_admin(client_for, master):
    client = client_for(master)
    assert client.get("/admin/snippets/events/linkedinchecklistitem/").status_code == 200
    item = LinkedInChecklistItem.objects.filter(locale__language_code="en").order_by("sort_order").first()
    assert client.get(f"/admin/snippets/events/linkedinchecklistitem/edit/{item.pk}/").status_code == 200
    assert client_for(MemberFactory()).get("/admin/snippets/events/linkedinchecklistitem/").status_code in (302, 403)


def test_the_admin_links_masters_to_attendance_and_a_sessions_check_in_list(client_for, master):
    session = SessionFactory()
    client = client_for(master)
    assert f"/session/{session.pk}/check-in/" in client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    assert 'href="/session/attendance/"' in client.get("/admin/").content.decode()


def test_the_learning_dashboard_lists_my_upcoming_sessions(logged_in, member):
    page = logged_in.get("/learn/").content.decode()
    assert 'data-testid="my-upcoming-sessions"' not in page
    session = SessionFactory(title="Coming up")
    register(member=member, session=session)
    page = logged_in.get("/learn/").content.decode()
    assert "Coming up" in page.split('data-testid="my-upcoming-sessions"')[1]


def test_navigation_reaches_the_session_overview(logged_in):
    assert logged_in.get("/session/").status_code == 404
    index = session_index()
    response = logged_in.get("/session/")
    assert response.status_code == 302 and response["Location"] == index.url
    assert 'href="/session/"' in logged_in.get("/learn/").content.decode()
