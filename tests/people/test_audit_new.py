"""Admin actions on members are recorded in the audit log (ids, never names)."""

import pytest
from django.urls import reverse

from people.models import AuditAction, AuditLog, Role
from people.services import promote, set_role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def form_data(form):
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            continue
        data[name] = value
    return data


def test_role_change_in_the_admin_is_audited(client):
    master = MemberFactory(role=Role.MASTER)
    target = MemberFactory(role=Role.AMBASSADOR, display_name="Secret Name")
    client.force_login(master)
    url = reverse("wagtailusers_users:edit", args=[target.pk])
    data = form_data(client.get(url).context["form"])
    data.update(role=Role.EDITOR, first_name="A", last_name="B")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    target.refresh_from_db()
    assert target.role == Role.EDITOR
    entry = AuditLog.objects.get(action=AuditAction.ROLE_CHANGED)
    assert entry.actor == master and entry.target_id == target.pk and entry.details["role"] == "editor"
    assert "Secret" not in str(entry.details)
    # Saving without a role change adds nothing.
    data = form_data(client.get(url).context["form"])
    data.update(first_name="A", last_name="B")
    assert client.post(url, data).status_code == 302
    assert AuditLog.objects.filter(action=AuditAction.ROLE_CHANGED).count() == 1


def test_set_role_by_a_person_is_audited_but_promotion_is_not(member):
    master = MemberFactory(role=Role.MASTER)
    set_role(member=member, role=Role.ACTIVATOR, by=master)
    assert AuditLog.objects.filter(action=AuditAction.ROLE_CHANGED, actor=master, target_id=member.pk).count() == 1
    other = MemberFactory()
    promote(member=other, to_role=Role.CREATOR)
    assert not AuditLog.objects.filter(target_id=other.pk).exists()


@pytest.mark.parametrize("who,expected", [({"role": Role.MASTER}, 200), ({"is_hr": True}, 200)])
def test_masters_and_hr_read_the_audit_log_in_the_admin(client, who, expected):
    from people.roles import ensure_role_groups

    ensure_role_groups()
    target = MemberFactory()
    AuditLog.objects.create(action=AuditAction.MEMBER_ERASED, target_id=target.pk)
    client.force_login(MemberFactory(**who))
    response = client.get(reverse("wagtailsnippets_people_auditlog:list"))
    assert response.status_code == expected
    assert "Member erased" in response.content.decode()
    # Nobody adds or edits audit entries.
    assert client.get(reverse("wagtailsnippets_people_auditlog:add")).status_code in (302, 403)


@pytest.mark.parametrize("who", [{"role": Role.EDITOR}, {"role": Role.AMBASSADOR}, {"role": Role.ACTIVATOR}])
def test_others_cannot_read_the_audit_log(client, who):
    from people.roles import ensure_role_groups

    ensure_role_groups()
    client.force_login(MemberFactory(**who))
    assert client.get(reverse("wagtailsnippets_people_auditlog:list")).status_code in (302, 403)
