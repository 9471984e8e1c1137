"""The member's own pages: profile (through ``update_profile``), notifications, the
language switch, the join link and the Master's invitation page."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from people import selectors, services
from people.models import Invitation, Member, Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def png(width=64, height=64, fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 102, 194)).save(buffer, fmt)
    return buffer.getvalue()


def post_profile(client, member, **extra):
    data = {
        "display_name": "New Name",
        "language": "en",
        "network_size": "250",
        "email_notifications": "on",
    }
    data.update(extra)
    return client.post("/profile/", data)


def test_member_edits_own_profile(logged_in, member):
    response = post_profile(logged_in, member)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "New Name"
    assert member.network_size == 250
    assert member.email_outside_office_hours is False


def test_language_change_also_sets_the_admin_language(logged_in, member):
    from wagtail.users.models import UserProfile

    post_profile(logged_in, member, language="nl")
    assert UserProfile.get_for_user(member).preferred_language == "nl"
    response = logged_in.get("/learn/")
    assert response.headers["Content-Language"] == "nl"


def test_a_valid_avatar_is_stored(logged_in, member, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        response = post_profile(logged_in, member, avatar=SimpleUploadedFile("me.png", png(), "image/png"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.avatar.name.startswith("avatars/")


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("me.png", b"<?php echo 'not an image'; ?>", "image/png"), b"valid image"),
        (SimpleUploadedFile("me.gif", png(fmt="GIF"), "image/gif"), b"JPEG, PNG or WebP"),
    ],
)
def test_bad_avatars_are_refused_with_a_message(logged_in, member, tmp_path, upload, message):
    with override_settings(MEDIA_ROOT=tmp_path):
        response = post_profile(logged_in, member, avatar=upload)
    assert response.status_code == 200
    assert message in response.content
    assert not Member.objects.get(pk=member.pk).avatar
    assert list(tmp_path.iterdir()) == []


def test_oversized_and_bomb_avatars_are_refused(logged_in, member, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path, AVATAR_MAX_BYTES=1024):
        response = post_profile(logged_in, member, avatar=SimpleUploadedFile("big.png", png(400, 400) * 3, "image/png"))
    assert b"larger than" in response.content
    # A small file that claims enormous dimensions (a decompression bomb).
    with override_settings(MEDIA_ROOT=tmp_path, AVATAR_MAX_PIXELS=10_000):
        response = post_profile(logged_in, member, avatar=SimpleUploadedFile("bomb.png", png(1000, 1000), "image/png"))
    assert b"too many pixels" in response.content
    assert not Member.objects.get(pk=member.pk).avatar


def test_language_switch_for_anonymous_visitors_sets_a_cookie(client):
    response = client.post("/language/", {"language": "en", "next": "/learn/"})
    assert response.status_code == 302 and response["Location"] == "/learn/"
    assert response.cookies["django_language"].value == "en"
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_language_switch_is_stored_for_members(logged_in, member):
    logged_in.post("/language/", {"language": "nl", "next": "/learn/"})
    member.refresh_from_db()
    assert member.language == "nl"


def test_clearing_the_avatar_removes_it(logged_in, member, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        post_profile(logged_in, member, avatar=SimpleUploadedFile("me.png", png(), "image/png"))
        assert Member.objects.get(pk=member.pk).avatar
        response = post_profile(logged_in, member, **{"avatar-clear": "on"})
    assert response.status_code == 302
    assert not Member.objects.get(pk=member.pk).avatar


def test_header_shows_the_unread_count(logged_in, member):
    services.notify(member=member, kind="x", title="Hi", email=False)
    response = logged_in.get("/notifications/")
    assert b'id="unread-count"' in response.content
    assert b">1</span>" in response.content
    logged_in.post("/notifications/")
    assert selectors.unread_count(member_id=member.pk) == 0


# --- the join link --------------------------------------------------------------------------


def test_accepting_creates_the_member_and_leads_to_onboarding(client, master, org):
    invitation = services.invite(
        rows=[{"name": "Fenna", "email": "fenna@example.com", "department": "Sales", "line": 2}], by=master
    )[0]
    url = f"/join/{selectors.token_for(invitation)}/"
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
    # The link works once: a second visitor is refused; the new member (back button) carries on.
    assert Client().post(url, {"password": "x", "password2": "x"}).status_code == 409
    assert client.post(url, {"password": "x", "password2": "x"})["Location"] == "/welcome/"
    assert Member.objects.filter(email="fenna@example.com").count() == 1


def test_two_different_passwords_are_refused(client, master):
    invitation = services.invite(rows=[{"name": "J", "email": "j@example.com", "line": 2}], by=master)[0]
    url = f"/join/{selectors.token_for(invitation)}/"
    response = client.post(
        url, {"password": "a long secret pass 42", "password2": "another long pass 43"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200 and b"not the same" in response.content
    assert not Member.objects.filter(email="j@example.com").exists()


def test_expired_and_tampered_links_are_refused(client, master):
    invitation = services.invite(rows=[{"name": "G", "email": "g@example.com", "line": 2}], by=master)[0]
    token = selectors.token_for(invitation)
    assert client.get(f"/join/{token}x/").status_code == 404
    with override_settings(INVITATION_VALID_DAYS=0):
        time.sleep(1.1)
        response = client.get(f"/join/{token}/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 404 and b"expired" in response.content


# --- the Master's invitation page -----------------------------------------------------------


def test_invitation_page_reports_bad_lines(client_for, master, org):
    client = client_for(master)
    response = client.post(
        "/invitations/", {"rows": "Ok Person,ok@example.com,Sales,\nBad,nope,,\n"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    # The second pasted line is line 2, as the Master sees it in the text box.
    assert "Line 2" in response.content.decode() and "not an e-mail address" in response.content.decode()
    assert "Line 3" not in response.content.decode()
    response = client.post("/invitations/", {"rows": "Ok Person,ok@example.com,Sales,Utrecht\n", "message": "Hoi"})
    assert response.status_code == 302
    assert Invitation.objects.filter(email="ok@example.com").exists()


def test_invitation_page_takes_a_csv_file_up_to_two_megabytes(client_for, master, org, settings):
    client = client_for(master)
    file = SimpleUploadedFile("people.csv", b"name,email\nKees,kees@example.com\n", content_type="text/csv")
    assert client.post("/invitations/", {"file": file}).status_code == 302
    big = SimpleUploadedFile("big.csv", b"name,email\n" + b"x" * (2 * 1024 * 1024), content_type="text/csv")
    response = client.post("/invitations/", {"file": big})
    assert response.status_code == 200 and b"larger than 2 MB" in response.content


@pytest.mark.parametrize(
    "who",
    [
        {"role": Role.AMBASSADOR},
        {"role": Role.CREATOR},
        {"role": Role.EDITOR},
        {"is_hr": True},
        {"role": Role.ACTIVATOR, "department": None},
    ],
)
def test_only_masters_and_activators_open_the_invitation_page(client_for, who):
    client = client_for(MemberFactory(**who))
    assert client.get("/invitations/").status_code == 403
    assert client.post("/invitations/", {"rows": "A,a@example.com\n"}).status_code == 403
    assert not Invitation.objects.exists()


@pytest.fixture
def sales_activator(org):
    return MemberFactory(role=Role.ACTIVATOR, department=org["sales"][0].department)


def test_an_activator_invites_into_their_own_department(client_for, sales_activator, master, org):
    client = client_for(sales_activator)
    page = client.get("/invitations/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "your own department, Sales" in page.content.decode()
    response = client.post(
        "/invitations/", {"rows": "Sanne,sanne@example.com,Sales,Utrecht\nKees,kees@example.com,,\n"}
    )
    assert response.status_code == 302
    # A line without a department goes into the Activator's own.
    assert set(Invitation.objects.values_list("department__name", flat=True)) == {"Sales"}


def test_an_activator_gets_a_line_error_for_another_department_and_nothing_is_sent(client_for, sales_activator, org):
    client = client_for(sales_activator)
    rows = "Sanne,sanne@example.com,Sales,\nIvo,ivo@example.com,IT,\n"
    html = client.post("/invitations/", {"rows": rows}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Line 2" in html and "only invite people into your own department, Sales (not “IT”)" in html
    assert "Line 1" not in html and not Invitation.objects.exists()
    sales_activator.language = "nl"
    sales_activator.save(update_fields=["language"])
    html = client.post("/invitations/", {"rows": rows}, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Regel 2" in html and "alleen mensen uitnodigen voor je eigen afdeling, Sales (niet “IT”)" in html


def test_an_activator_sees_only_their_own_departments_invitations(
    client_for, sales_activator, master, org, django_assert_max_num_queries
):
    services.invite(rows=[{"name": "Ivo", "email": "ivo@example.com", "department": "IT"}], by=master)
    services.invite(rows=[{"name": "Sanne", "email": "sanne@example.com"}], by=sales_activator)
    client = client_for(sales_activator)
    with django_assert_max_num_queries(12):
        html = client.get("/invitations/").content.decode()
    assert "sanne@example.com" in html and "ivo@example.com" not in html
    html = client_for(master).get("/invitations/").content.decode()
    assert "sanne@example.com" in html and "ivo@example.com" in html


def test_invitation_page_numbers_lines_and_counts_in_dutch(client_for, master, org):
    master.language = "nl"
    master.save(update_fields=["language"])
    client = client_for(master)
    rows = "Naam;E-mail\nOk Persoon;ok@example.com\nFout;nope\n"
    response = client.post("/invitations/", {"rows": rows}, HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert "Regel 3" in html and "1 regel bevat een fout" in html and "regel(s)" not in html
    response = client.post("/invitations/", {"rows": "A,a@example.com\nB,b@example.com\n"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 302
    assert "2 uitnodigingen verstuurd." in [str(m) for m in response.wsgi_request._messages]
