"""Changing the pilot group: within the limit or not at all, audited."""

import pytest

from people.errors import PilotFull
from people.models import AuditAction, AuditLog, Member
from people.services import pilot

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
