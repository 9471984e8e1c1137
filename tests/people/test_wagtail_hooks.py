"""People's admin: the audit log is read-only and only Masters and HR see it."""

import pytest
from django.urls import reverse

from people.models import AuditAction, AuditLog, Role
from people.roles import ensure_role_groups
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", [{"role": Role.MASTER}, {"is_hr": True}])
def test_masters_and_hr_read_the_audit_log_in_the_admin(client, who):
    ensure_role_groups()
    target = MemberFactory()
    AuditLog.objects.create(action=AuditAction.MEMBER_ERASED, target_id=target.pk)
    client.force_login(MemberFactory(**who))
    response = client.get(reverse("wagtailsnippets_people_auditlog:list"))
    assert response.status_code == 200
    assert "Member erased" in response.content.decode()
    # Nobody adds or edits audit entries.
    assert client.get(reverse("wagtailsnippets_people_auditlog:add")).status_code in (302, 403)


@pytest.mark.parametrize("who", [{"role": Role.EDITOR}, {"role": Role.AMBASSADOR}, {"role": Role.ACTIVATOR}])
def test_others_cannot_read_the_audit_log(client, who):
    ensure_role_groups()
    client.force_login(MemberFactory(**who))
    assert client.get(reverse("wagtailsnippets_people_auditlog:list")).status_code in (302, 403)
