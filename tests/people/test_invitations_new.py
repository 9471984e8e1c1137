"""Invitations: CSV import (all or nothing), the expiring join link, reminders, accepting."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from people import invitations
from people.models import AuditAction, AuditLog, Department, Invitation, Location, Member, Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def master(db):
    return MemberFactory(role=Role.MASTER, email="master@example.com")


@pytest.fixture
def master_api(master):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(master)
    return client


@pytest.fixture
def org(db):
    Department.objects.create(name="Sales")
    Location.objects.create(name="Utrecht")


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


@pytest.mark.parametrize(
    "role,is_hr", [(Role.AMBASSADOR, False), (Role.EDITOR, False), (Role.ACTIVATOR, False), (Role.AMBASSADOR, True)]
)
def test_only_masters_invite(client, role, is_hr):
    client.force_login(MemberFactory(role=role, is_hr=is_hr))
    response = client.post(
        "/api/v1/invitations/",
        {"invitations": [{"name": "E", "email": "e@example.com"}]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_accepting_creates_the_member_and_leads_to_onboarding(client, master, org):
    invitation = invitations.invite(
        rows=[{"name": "Fenna", "email": "fenna@example.com", "department": "Sales", "line": 2}], by=master
    )[0]
    url = f"/join/{invitations.token_for(invitation)}/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and b"Fenna" in page.content
    response = client.post(
        url, {"name": "Fenna V", "password": "a long secret pass 42", "password2": "a long secret pass 42"}
    )
    assert response.status_code == 302 and response["Location"] == "/welcome/"
    member = Member.objects.get(email="fenna@example.com")
    assert member.department.name == "Sales" and member.display_name == "Fenna V"
    invitation.refresh_from_db()
    assert invitation.accepted_at and invitation.member == member
    # The link works once.
    assert client.post(url, {"password": "x", "password2": "x"}).status_code == 409
    assert Member.objects.filter(email="fenna@example.com").count() == 1


def test_onboarding_records_consent_and_choices_then_first_lesson(client, member):
    client.force_login(member)
    assert client.get("/welcome/").status_code == 200
    response = client.post("/welcome/", {"language": "nl", "leaderboard_visibility": "anonymous"})
    assert response.status_code == 200  # consent is required
    member.refresh_from_db()
    assert member.privacy_consent_at is None
    response = client.post(
        "/welcome/",
        {"language": "nl", "leaderboard_visibility": "anonymous", "consent": "on", "gender": "", "age_band": "35_44"},
    )
    assert response.status_code == 302 and response["Location"].startswith("/")
    member.refresh_from_db()
    assert member.privacy_consent_at and member.onboarded_at
    assert member.language == "nl" and member.leaderboard_visibility == "anonymous" and member.age_band == "35_44"


def test_expired_and_tampered_links_are_refused(client, master):
    invitation = invitations.invite(rows=[{"name": "G", "email": "g@example.com", "line": 2}], by=master)[0]
    token = invitations.token_for(invitation)
    assert client.get(f"/join/{token}x/").status_code == 404
    with override_settings(INVITATION_VALID_DAYS=0):
        import time_machine

        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2), tick=True):  # not a sleep
            response = client.get(f"/join/{token}/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 404 and b"expired" in response.content


@pytest.mark.clock
def test_reminders_go_to_unanswered_invitations_once_and_renew_the_link(master, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, second = invitations.invite(
            rows=[
                {"name": "H", "email": "h@example.com", "line": 2},
                {"name": "I", "email": "i@example.com", "line": 3},
            ],
            by=master,
        )
    old_token = invitations.token_for(first)
    Invitation.objects.update(sent_at=timezone.now() - datetime.timedelta(days=5))
    invitations.accept(token=invitations.token_for(second), password="a long secret pass 42")
    mail.outbox.clear()
    assert invitations.send_due_reminders() == 1
    assert invitations.send_due_reminders() == 0  # running twice reminds once
    assert [m.to for m in mail.outbox] == [["h@example.com"]] and "Reminder" in mail.outbox[0].subject
    first.refresh_from_db()
    assert first.reminders_sent == 1
    with pytest.raises(invitations.InvalidInvitationLink):
        invitations.invitation_for_token(old_token)
    assert invitations.invitation_for_token(invitations.token_for(first)) == first
