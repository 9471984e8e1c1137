"""The demo programme: pilot group, invitations and organisation size, seeded idempotently."""

import pytest

from cms.demo.programme import seed
from cms.models import ProgrammeSettings
from people.models import Invitation, Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_demo_programme_seed_is_idempotent():
    members = [MemberFactory(network_size=i * 10) for i in range(30)]
    seed(members)
    seed(members)
    assert Member.objects.filter(in_pilot=True).count() <= 20
    assert Invitation.objects.count() == 8
    assert ProgrammeSettings.load().employee_count == 400
