"""People's API: ``/api/v1/invitations/`` (CSV or JSON, all or nothing, Masters only),
``/api/v1/auth/token/`` and ``/api/v1/notifications/`` are covered in
``tests/cms/test_api_contract.py``."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from people.models import AuditAction, AuditLog, Invitation, Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def master_api(api_for, master):
    return api_for(master)


def upload(text, name="people.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_csv_import_invites_everyone_and_sends_mail(master_api, org, django_capture_on_commit_callbacks):
    csv = "name;email;department;location\nAnna Jansen;anna@example.com;Sales;Utrecht\nBob;BOB@example.com;;\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = master_api.post(
            "/api/v1/invitations/",
            {"file": upload(csv), "message": "Doe mee!", "video_url": "https://video.example.com/x"},
            format="multipart",
        )
    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 2
    anna = Invitation.objects.get(email="anna@example.com")
    assert anna.department.name == "Sales" and anna.location.name == "Utrecht" and anna.sent_at
    assert Invitation.objects.filter(email="bob@example.com").exists()
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert "Doe mee!" in body and "https://video.example.com/x" in body and "/join/" in body
    assert AuditLog.objects.filter(action=AuditAction.INVITATIONS_SENT, details__count=2).exists()


def test_bad_rows_are_reported_per_line_and_nothing_is_imported(master_api, org, make_member):
    make_member(email="taken@example.com")
    csv = (
        "name,email,department,location\n"
        "Good One,good@example.com,Sales,Utrecht\n"
        ",noname@example.com,,\n"
        "Bad Mail,not-an-email,,\n"
        "Member,taken@example.com,,\n"
        "Typo,typo@example.com,Salse,\n"
        "Twice,good@example.com,,\n"
    )
    response = master_api.post("/api/v1/invitations/", {"file": upload(csv)}, format="multipart")
    assert response.status_code == 400
    body = response.json()
    lines = {e["line"]: e["message"] for e in body["errors"]}
    assert set(lines) == {3, 4, 5, 6, 7}
    assert "name is missing" in lines[3]
    assert "not an e-mail address" in lines[4]
    assert "already a member" in lines[5]
    assert "unknown department" in lines[6]
    assert "also on line 2" in lines[7]
    assert "nothing was imported" in body["detail"]
    assert Invitation.objects.count() == 0 and mail.outbox == []


def test_json_invitations_and_unreadable_files(master_api):
    response = master_api.post(
        "/api/v1/invitations/", {"invitations": [{"name": "Cas", "email": "cas@example.com"}]}, format="json"
    )
    assert response.status_code == 201
    response = master_api.post("/api/v1/invitations/", {"file": upload("just,some\n")}, format="multipart")
    assert response.status_code == 400 and "columns" in response.json()["detail"]
    response = master_api.post("/api/v1/invitations/", {}, format="json")
    assert response.status_code == 400
    response = master_api.post(
        "/api/v1/invitations/",
        {"invitations": [{"name": "D", "email": "d@example.com"}], "video_url": "javascript:alert(1)"},
        format="json",
    )
    assert response.status_code == 400 and Invitation.objects.count() == 1
    assert response.json()["code"] == "invalid_invitations"


@pytest.mark.parametrize(
    "who",
    [
        {"role": Role.AMBASSADOR},
        {"role": Role.CREATOR},
        {"role": Role.EDITOR},
        {"role": Role.ACTIVATOR, "department": None},
        {"role": Role.AMBASSADOR, "is_hr": True},
    ],
)
def test_only_masters_and_activators_invite(client, who):
    client.force_login(MemberFactory(**who))
    response = client.post(
        "/api/v1/invitations/",
        {"invitations": [{"name": "E", "email": "e@example.com"}]},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert Invitation.objects.count() == 0


def test_an_activator_invites_into_their_own_department_by_json(api_for, org):
    sales = org["sales"][0].department
    activator_api = api_for(MemberFactory(role=Role.ACTIVATOR, department=sales))
    rows = [
        {"name": "Sanne", "email": "sanne@example.com"},
        {"name": "Ivo", "email": "ivo@example.com", "department": "IT"},
        {"name": "Pim", "email": "pim@example.com", "department": "sales"},
    ]
    response = activator_api.post("/api/v1/invitations/", {"invitations": rows}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_invitations"
    assert [e["line"] for e in body["errors"]] == [2]
    assert "your own department, Sales" in body["errors"][0]["message"]
    assert not Invitation.objects.exists()
    response = activator_api.post("/api/v1/invitations/", {"invitations": [rows[0], rows[2]]}, format="json")
    assert response.status_code == 201
    assert [i["department"] for i in response.json()["invitations"]] == ["Sales", "Sales"]
