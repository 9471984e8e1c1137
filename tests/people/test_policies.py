"""Who may do what with members, per role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from people import policies
from people.models import Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "ambassador": {"role": Role.AMBASSADOR},
    "creator": {"role": Role.CREATOR},
    "activator": {"role": Role.ACTIVATOR},
    "editor": {"role": Role.EDITOR},
    "master": {"role": Role.MASTER},
    "hr": {"role": Role.AMBASSADOR, "is_hr": True},
}


def who(name):
    fields = ROLES[name]
    return AnonymousUser() if fields is None else MemberFactory(**fields)


@pytest.mark.parametrize(
    "name, invite, personal_data, reports",
    [
        ("anonymous", False, False, False),
        ("ambassador", False, False, False),
        ("creator", False, False, False),
        ("activator", True, False, True),
        ("editor", False, False, False),
        ("master", True, True, True),
        ("hr", False, False, True),
    ],
)
def test_inviting_building_the_pilot_and_reports(name, invite, personal_data, reports):
    actor = who(name)
    assert policies.can_invite(actor) is invite
    assert policies.can_build_pilot(actor) is invite
    assert policies.can_handle_personal_data(actor) is personal_data
    assert policies.can_see_reports(actor) is reports


def test_an_activator_invites_and_builds_the_pilot_for_their_own_department_only(master):
    activator = MemberFactory(role=Role.ACTIVATOR)
    own, other = MemberFactory(department=activator.department), MemberFactory()
    assert policies.programme_department(activator) == activator.department_id
    assert policies.can_invite_into(activator, activator.department_id)
    assert not policies.can_invite_into(activator, other.department_id)
    assert not policies.can_invite_into(activator, None)
    assert policies.can_change_pilot_membership(activator, own)
    assert not policies.can_change_pilot_membership(activator, other)
    # The Master: the whole organisation.
    assert policies.programme_department(master) is None
    assert policies.can_invite_into(master, other.department_id) and policies.can_invite_into(master, None)
    assert policies.can_change_pilot_membership(master, other)
    # Without a department there is nothing an Activator runs.
    lone = MemberFactory(role=Role.ACTIVATOR, department=None)
    assert not policies.can_invite(lone) and not policies.can_build_pilot(lone)
    assert not policies.can_change_pilot_membership(MemberFactory(role=Role.CREATOR), own)


def test_an_activator_sees_reports_for_their_own_department_only():
    activator = MemberFactory(role=Role.ACTIVATOR)
    assert policies.report_department(activator) == activator.department_id
    assert policies.report_department(MemberFactory(role=Role.MASTER)) is None
    assert not policies.can_see_reports(MemberFactory(role=Role.ACTIVATOR, department=None))


def test_only_a_superuser_edits_or_makes_a_superuser(master):
    boss = MemberFactory(is_superuser=True)
    member = MemberFactory()
    assert policies.can_edit_member(master, member) and not policies.can_edit_member(master, boss)
    assert policies.can_edit_member(boss, boss) and policies.can_grant_superuser(boss)
    assert not policies.can_grant_superuser(master)
    assert policies.can_handle_personal_data_of(master, member)
    assert not policies.can_handle_personal_data_of(master, boss)


def test_the_member_list_offers_data_actions_for_others_not_yet_erased(master):
    from django.utils import timezone

    member = MemberFactory()
    assert policies.offers_personal_data_actions(master, member)
    assert not policies.offers_personal_data_actions(master, master)
    member.erased_at = timezone.now()
    assert not policies.offers_personal_data_actions(master, member)
    assert not policies.offers_personal_data_actions(MemberFactory(), MemberFactory())
