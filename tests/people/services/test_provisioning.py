"""people.services.provisioning, directly: what SCIM and SSO change about members and departments."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from rest_framework.authtoken.models import Token

from core.errors import Conflict, InvalidInput
from people.models import AuditLog, Department, Member, Role
from people.services import api_token, provisioning
from people.services.provisioning import MemberChanges
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


def test_provision_makes_an_ambassador_without_a_password():
    member, created = provisioning.provision_member(
        changes=MemberChanges(email=" Ann@Example.com ", first_name="Ann", department="Sales", location="Utrecht")
    )
    assert created and member.email == "ann@example.com" and member.role == Role.AMBASSADOR
    assert member.is_active and not member.has_usable_password()
    assert (member.department.name, member.location.name) == ("Sales", "Utrecht")
    assert AuditLog.objects.filter(action="provisioned", target_id=member.pk).count() == 1


@pytest.mark.parametrize("email", ["", "no-at-sign", None])
def test_provision_needs_an_address(email):
    with pytest.raises(InvalidInput):
        provisioning.provision_member(changes=MemberChanges(email=email))
    assert not Member.objects.exists()


def test_provision_refuses_an_address_in_use():
    MemberFactory(email="ann@example.com")
    with pytest.raises(Conflict):
        provisioning.provision_member(changes=MemberChanges(email="ANN@example.com"))


def test_switching_off_ends_sessions_and_tokens_and_keeps_data():
    member = MemberFactory(display_name="Ann")
    key = api_token(member=member)
    client = Client()
    client.post("/login/", {"login": member.email, "password": PASSWORD})
    assert client.session.get(SESSION_KEY) == str(member.pk)
    generation = member.session_generation

    provisioning.update_member(member=member, changes=MemberChanges(active=False))

    member.refresh_from_db()
    assert not member.is_active and member.display_name == "Ann"
    assert member.session_generation == generation + 1
    assert not Token.objects.filter(key=key).exists()
    assert client.get("/profile/").status_code == 302
    # Switching off twice is harmless and audited once.
    provisioning.update_member(member=member, changes=MemberChanges(active=False))
    assert AuditLog.objects.filter(action="deactivated", target_id=member.pk).count() == 1


def test_an_address_another_member_has_is_refused():
    MemberFactory(email="taken@example.com")
    member = MemberFactory()
    with pytest.raises(Conflict):
        provisioning.update_member(member=member, changes=MemberChanges(email="taken@example.com"))


def test_deprovisioned_members_come_back_as_themselves():
    member = MemberFactory(email="carl@example.com")
    provisioning.deprovision_member(member=member)
    provisioning.deprovision_member(member=member)  # twice: harmless
    assert AuditLog.objects.filter(action="deprovisioned", target_id=member.pk).count() == 1
    again, created = provisioning.provision_member(changes=MemberChanges(email="carl@example.com"))
    assert not created and again.pk == member.pk and again.is_active and again.deprovisioned_at is None


def test_department_membership():
    ann, bob, cas = MemberFactory(), MemberFactory(), MemberFactory()
    sales = provisioning.create_department(name="Sales", member_ids=[ann.pk])
    assert provisioning.set_department_members(department=sales, add=[bob.pk, ann.pk]) == 1
    assert provisioning.set_department_members(department=sales, remove=[cas.pk]) == 0  # not in it
    provisioning.set_department_members(department=sales, replace=[cas.pk])
    assert set(Member.objects.filter(department=sales).values_list("pk", flat=True)) == {cas.pk}
    assert provisioning.release_department(department=sales) == 1
    assert Department.objects.filter(pk=sales.pk).exists()
    with pytest.raises(Conflict):
        provisioning.create_department(name="SALES")
    with pytest.raises(Conflict):
        provisioning.rename_department(department=Department.objects.create(name="Support"), name="sales")


def test_joined_through_sso_takes_department_and_location():
    member = MemberFactory(role=Role.CREATOR)
    location = member.location_id
    provisioning.joined_through_sso(member=member, department="Sales", location=None)
    member.refresh_from_db()
    assert member.role == Role.AMBASSADOR and member.department.name == "Sales"
    assert member.location_id == location  # a claim that is not there changes nothing
