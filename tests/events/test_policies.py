"""Who may do what with a session (events/policies.py)."""

import pytest

from events import policies
from events.models import Registration
from events.services.registration import register
from people.models import Role
from tests.events.factories import SessionFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_hosts_and_masters_run_a_session():
    host, master, member = MemberFactory(), MemberFactory(role=Role.MASTER), MemberFactory(role=Role.EDITOR)
    session = SessionFactory(hosts=[host])
    for ask in (policies.is_host, policies.can_manage_session, policies.can_check_in):
        assert ask(member=host, session=session) and ask(member=master, session=session)
        assert not ask(member=member, session=session)
        assert not ask(member=MemberFactory(), session=SessionFactory(hosts=[MemberFactory()]))


def test_the_online_link_is_for_a_place_hosts_and_masters():
    member, master = MemberFactory(), MemberFactory(role=Role.MASTER)
    assert policies.can_see_online_link(member=member, status=Registration.Status.REGISTERED, hosting=False)
    assert not policies.can_see_online_link(member=member, status=Registration.Status.WAITLISTED, hosting=False)
    assert not policies.can_see_online_link(member=member, status=None, hosting=False)
    assert policies.can_see_online_link(member=member, status=None, hosting=True)
    assert policies.can_see_online_link(member=master, status=None, hosting=False)


def test_a_check_in_code_is_for_its_member_and_the_hosts():
    host = MemberFactory()
    registration = register(member=MemberFactory(), session=SessionFactory(hosts=[host])).registration
    assert policies.can_see_registration_code(member=registration.member, registration=registration)
    assert policies.can_see_registration_code(member=host, registration=registration)
    assert not policies.can_see_registration_code(member=MemberFactory(), registration=registration)


def test_the_attendance_overview_is_for_masters_and_activators_of_their_department(master):
    assert policies.can_see_attendance(member=master) and policies.attendance_department(member=master) is None
    activator = MemberFactory(role=Role.ACTIVATOR)
    assert policies.can_see_attendance(member=activator)
    assert policies.attendance_department(member=activator) == activator.department_id
    assert not policies.can_see_attendance(member=MemberFactory(role=Role.ACTIVATOR, department=None))
    assert not policies.can_see_attendance(member=MemberFactory(role=Role.EDITOR))
