"""Changing the pilot group: within the limit or not at all, audited."""

import pytest

from core.errors import NotAllowed
from people.errors import PilotFull
from people.models import AuditAction, AuditLog, Member, Role
from people.services import pilot
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_limit_is_enforced_and_changes_are_audited(org, master):
    it_ids = [m.pk for m in org["it"]]
    with pytest.raises(PilotFull) as excinfo:
        pilot.change_pilot(add=it_ids, by=master, limit=6)
    assert excinfo.value.status_code == 409 and "limited to 6 members" in excinfo.value.message
    assert Member.objects.filter(in_pilot=True).count() == 4  # nothing half-done
    assert pilot.change_pilot(add=it_ids[:2], by=master, limit=6) == 6
    assert pilot.change_pilot(remove=[org["sales"][0].pk], by=master, limit=6) == 5
    assert AuditLog.objects.filter(action=AuditAction.PILOT_CHANGED, actor=master).count() == 2


def test_a_change_that_changes_nothing_is_not_audited(org, master):
    in_pilot = org["sales"][0].pk
    assert pilot.change_pilot(add=[in_pilot], by=master, limit=50) == 4
    assert not AuditLog.objects.filter(action=AuditAction.PILOT_CHANGED).exists()


@pytest.fixture
def it_activator(org):
    return MemberFactory(role=Role.ACTIVATOR, department=org["it"][0].department)


def test_an_activator_changes_the_pilot_for_their_own_department_within_the_organisations_limit(org, it_activator):
    it_ids = [m.pk for m in org["it"]]
    assert pilot.change_pilot(add=it_ids[:1], by=it_activator, limit=6) == 5
    with pytest.raises(PilotFull):  # the limit counts Sales' four too
        pilot.change_pilot(add=it_ids[1:], by=it_activator, limit=6)
    assert pilot.change_pilot(remove=it_ids[:1], by=it_activator, limit=6) == 4
    assert AuditLog.objects.filter(action=AuditAction.PILOT_CHANGED, actor=it_activator).count() == 2


@pytest.mark.parametrize("change", ["add", "remove"])
def test_an_activator_may_not_change_another_departments_pilot_members(org, it_activator, change):
    other = org["sales"][4] if change == "add" else org["sales"][0]
    with pytest.raises(NotAllowed) as excinfo:
        pilot.change_pilot(**{change: [org["it"][0].pk, other.pk]}, by=it_activator, limit=50)
    assert excinfo.value.status_code == 403 and "your own department" in excinfo.value.message
    assert set(Member.objects.filter(in_pilot=True).values_list("pk", flat=True)) == {m.pk for m in org["sales"][:4]}


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.CREATOR, Role.EDITOR])
def test_other_roles_may_not_change_the_pilot(org, role):
    with pytest.raises(NotAllowed):
        pilot.change_pilot(
            add=[org["it"][0].pk], by=MemberFactory(role=role, department=org["it"][0].department), limit=50
        )
    assert not Member.objects.get(pk=org["it"][0].pk).in_pilot
