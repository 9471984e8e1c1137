"""Roles: the groups follow the role, promotion only moves up, a person's change is audited."""

import pytest

from people.models import AuditAction, AuditLog, Role
from people.services import roles
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_set_role_by_a_person_is_audited_but_promotion_is_not(member, master):
    roles.set_role(member=member, role=Role.ACTIVATOR, by=master)
    assert AuditLog.objects.filter(action=AuditAction.ROLE_CHANGED, actor=master, target_id=member.pk).count() == 1
    other = MemberFactory()
    roles.promote(member=other, to_role=Role.CREATOR)
    assert not AuditLog.objects.filter(target_id=other.pk).exists()


def test_setting_the_same_role_again_is_not_audited(member, master):
    roles.set_role(member=member, role=member.role, by=master)
    assert not AuditLog.objects.exists()


def test_an_unknown_role_is_a_programming_error(member):
    with pytest.raises(ValueError):
        roles.set_role(member=member, role="overlord")


def test_promotion_puts_the_member_in_the_role_groups(make_member):
    member = make_member(role=Role.AMBASSADOR)
    assert roles.promote(member=member, to_role=Role.MASTER)
    assert list(member.groups.values_list("name", flat=True)) == ["Social Masters"]
    assert member.role == Role.MASTER and member.role_changed_at is not None
    assert not roles.promote(member=member, to_role=Role.CREATOR)
    member.refresh_from_db()
    assert member.role == Role.MASTER


def test_hr_flag_adds_the_hr_group_and_keeps_other_groups(member):
    from django.contrib.auth.models import Group

    moderators, _created = Group.objects.get_or_create(name="Moderators")
    member.groups.add(moderators)
    roles.set_role(member=member, role=Role.EDITOR, is_hr=True)
    assert set(member.groups.values_list("name", flat=True)) == {"Social Editors", "HR", "Moderators"}
