"""Masters correct points in the admin; nobody else may."""

import pytest

from gamification.models import (
    PointsEntry,
    PointsTotal,
)
from people.models import Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


URL = "/admin/gamification/corrections/"


def test_a_master_records_a_correction(client):
    master = MemberFactory(role=Role.MASTER)
    target = MemberFactory()
    client.force_login(master)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"member": target.pk, "points": -15, "reason": "Counted twice"})
    assert response.status_code == 302
    entry = PointsEntry.objects.get(member=target)
    assert (entry.points, entry.reason, entry.created_by) == (-15, "Counted twice", master)
    assert PointsTotal.objects.get(member=target).total == -15


def test_a_correction_needs_points_and_a_reason(client):
    master = MemberFactory(role=Role.MASTER)
    client.force_login(master)
    response = client.post(URL, {"member": master.pk, "points": 0, "reason": ""})
    assert response.status_code == 200
    assert not PointsEntry.objects.exists()


@pytest.mark.parametrize("role, is_hr", [(Role.EDITOR, False), (Role.AMBASSADOR, True), (Role.CREATOR, False)])
def test_others_may_not_correct_points(client, role, is_hr):
    member = MemberFactory(role=role, is_hr=is_hr)
    client.force_login(member)
    assert client.get(URL).status_code in (302, 403)
    client.post(URL, {"member": member.pk, "points": 100, "reason": "free points"})
    assert not PointsEntry.objects.exists()
