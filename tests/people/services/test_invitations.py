"""Invitations as a service: reading a CSV, validating every line, all or nothing,
sending once, reminders with a fresh link, accepting once."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from people import selectors
from people.errors import InvalidInvitationLink, InvitationAlreadyAccepted, InvitationError
from people.models import Invitation, Member
from people.services import invitations

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        ("", "empty"),
        ("just,some\n", "columns"),
    ],
)
def test_unreadable_files_are_refused(data, message):
    with pytest.raises(InvitationError) as excinfo:
        invitations.rows_from_csv(data=data)
    assert message in str(excinfo.value)


def test_semicolons_dutch_headers_and_blank_lines_are_read():
    rows = invitations.rows_from_csv(
        data="\ufeffNaam;E-mailadres;Afdeling\nAnna;anna@example.com;Sales\n;;\nBob;bob@example.com;\n"
    )
    assert rows == [
        {"name": "Anna", "email": "anna@example.com", "department": "Sales", "line": 2},
        {"name": "Bob", "email": "bob@example.com", "department": "", "line": 4},
    ]


def test_pasted_lines_are_numbered_as_the_master_sees_them():
    rows = invitations.rows_from_pasted(text="Anna,anna@example.com\n\nBob,bob@example.com\n")
    assert [(r["name"], r["line"]) for r in rows] == [("Anna", 1), ("Bob", 3)]
    # A pasted header line is the first line, not a person.
    rows = invitations.rows_from_pasted(text="naam;e-mail\nAnna;anna@example.com\n")
    assert [(r["name"], r["line"]) for r in rows] == [("Anna", 2)]
    assert invitations.rows_from_pasted(text="") == []


def test_the_line_numbers_in_a_file_count_the_header_as_line_one(org):
    rows = invitations.rows_from_csv(data="name,email\nGood,good@example.com\nBad,nope\n")
    with pytest.raises(InvitationError) as excinfo:
        invitations.validate_rows(rows=rows)
    assert [e["line"] for e in excinfo.value.errors] == [3]


@pytest.mark.parametrize("bad, expected", [(1, "1 regel bevat een fout"), (2, "2 regels bevatten fouten")])
def test_the_problem_count_is_a_dutch_plural(org, bad, expected):
    rows = [{"name": "", "email": f"x{i}@example.com", "line": i + 2} for i in range(bad)]
    with translation.override("nl"), pytest.raises(InvitationError) as excinfo:
        invitations.validate_rows(rows=rows)
    assert expected in str(excinfo.value) and "(s)" not in str(excinfo.value)


def test_an_upload_over_two_megabytes_is_refused():
    big = SimpleUploadedFile("big.csv", b"name,email\n" + b"x" * (2 * 1024 * 1024))
    with pytest.raises(InvitationError, match="larger than 2 MB"):
        invitations.rows_from_upload(upload=big)


def test_every_bad_line_is_listed_and_nothing_is_created(master, org):
    rows = [{"name": "Ok", "email": "ok@example.com", "line": 2}, {"name": "", "email": "nope", "line": 3}]
    with pytest.raises(InvitationError) as excinfo:
        invitations.invite(rows=rows, by=master)
    assert [e["line"] for e in excinfo.value.errors] == [3]
    assert excinfo.value.status_code == 400
    assert Invitation.objects.count() == 0


def test_a_video_link_must_be_https(master):
    with pytest.raises(InvitationError, match="https://"):
        invitations.invite(rows=[{"name": "A", "email": "a@example.com"}], by=master, video_url="http://x.example")


def test_each_invitation_is_sent_once_after_commit(master, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invite(rows=[{"name": "A", "email": "a@example.com", "line": 2}], by=master)[0]
    assert len(mail.outbox) == 1
    token = re.search(r"/join/([^/\s]+)/", mail.outbox[0].body).group(1)
    assert selectors.invitation_for_token(token) == invitation
    assert invitations.send_invitation(invitation_id=invitation.pk) is False
    assert len(mail.outbox) == 1


def test_a_weak_password_is_refused_and_a_used_link_too(master):
    invitation = invitations.invite(rows=[{"name": "K", "email": "k@example.com", "line": 2}], by=master)[0]
    token = selectors.token_for(invitation)
    with pytest.raises(InvitationError):
        invitations.accept(token=token, password="123")
    member = invitations.accept(token=token, password="a long secret pass 42")
    assert member.email == "k@example.com" and member.check_password("a long secret pass 42")
    with pytest.raises(InvitationAlreadyAccepted) as excinfo:
        invitations.accept(token=token, password="a long secret pass 42")
    assert excinfo.value.status_code == 409
    assert Member.objects.filter(email="k@example.com").count() == 1


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
    old_token = selectors.token_for(first)
    Invitation.objects.update(sent_at=timezone.now() - datetime.timedelta(days=5))
    invitations.accept(token=selectors.token_for(second), password="a long secret pass 42")
    mail.outbox.clear()
    assert invitations.send_due_reminders() == 1
    assert invitations.send_due_reminders() == 0  # running twice reminds once
    assert [m.to for m in mail.outbox] == [["h@example.com"]] and "Reminder" in mail.outbox[0].subject
    first.refresh_from_db()
    assert first.reminders_sent == 1
    with pytest.raises(InvalidInvitationLink):
        selectors.invitation_for_token(old_token)
    assert selectors.invitation_for_token(selectors.token_for(first)) == first
