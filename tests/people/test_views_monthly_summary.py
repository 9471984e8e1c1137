"""The monthly summary toggle on the profile: for managers and report readers only."""

import pytest

from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_a_manager_switches_the_monthly_summary_on(client_for):
    department = DepartmentFactory()
    manager = MemberFactory(department=department, manager_of=department)
    client = client_for(manager)
    assert 'name="monthly_summary"' in client.get("/profile/").content.decode()
    data = {"display_name": "M", "language": "en", "email_notifications": "on", "monthly_summary": "on"}
    assert client.post("/profile/", data).status_code == 302
    manager.refresh_from_db()
    assert manager.monthly_summary is True


def test_an_ambassador_has_no_such_toggle(client_for):
    member = MemberFactory()
    client = client_for(member)
    assert 'name="monthly_summary"' not in client.get("/profile/").content.decode()
    client.post("/profile/", {"display_name": "A", "language": "en", "monthly_summary": "on"})
    member.refresh_from_db()
    assert member.monthly_summary is False
