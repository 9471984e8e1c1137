"""The member admin: role changes made there are audited (ids, never names)."""

import pytest
from django.urls import reverse

from people.models import AuditAction, AuditLog, Role
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


def test_role_change_in_the_admin_is_audited(client_for, master):
    target = MemberFactory(role=Role.AMBASSADOR, display_name="Secret Name")
    client = client_for(master)
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


def test_a_master_marks_an_editor_for_all_departments_in_the_member_admin(client_for, master):
    editor = MemberFactory(role=Role.EDITOR)
    client = client_for(master)
    url = reverse("wagtailusers_users:edit", args=[editor.pk])
    page = client.get(url)
    assert 'name="editor_for_all_departments"' in page.content.decode()
    data = form_data(page.context["form"])
    data.update(editor_for_all_departments="on", first_name="A", last_name="B")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    editor.refresh_from_db()
    assert editor.editor_for_all_departments
