"""The account pages (``people.views``): "forgot password" by e-mail, changing the password
on the profile, logging out everywhere, and choosing a password when joining."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from people import selectors, services
from people.models import Invitation, Member
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "purple tractor sings 42"
SESSION_ENGINES = ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cache"]


def link_in(mail) -> str:
    """The path of the reset link in a mail's text (and the same link in its HTML)."""
    url = re.search(r"https?://\S+/password-reset/\S+/", mail.body).group(0)
    assert url in mail.alternatives[0][0]
    return urlsplit(url).path


def token_works(token: str) -> bool:
    """Whether a program holding ``token`` still gets in (a refused token is 401 or 403:
    session authentication comes first and sends no WWW-Authenticate)."""
    status = APIClient(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me/").status_code
    assert status in (200, 401, 403)
    return status == 200


def request_reset(client, email, capture):
    with capture(execute=True):
        return client.post("/password-reset/", {"email": email})


# --- forgot password --------------------------------------------------------------------------


def test_the_login_page_offers_forgot_password(client):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="nl")
    assert b"Wachtwoord vergeten?" in page.content and b'href="/password-reset/"' in page.content


def test_reset_end_to_end_in_dutch(client, mailoutbox, django_capture_on_commit_callbacks):
    member = MemberFactory(email="anna@example.com", language="nl", display_name="Anna")
    response = request_reset(client, "Anna@example.com", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    [mail] = mailoutbox
    assert mail.to == ["anna@example.com"]
    assert mail.subject == "Kies een nieuw wachtwoord voor Social Shift"
    assert "Hoi Anna," in mail.body and "De link is 2 uur geldig" in mail.body
    assert "Kies een nieuw wachtwoord" in mail.alternatives[0][0] and mail.alternatives[0][1] == "text/html"

    path = link_in(mail)
    landing = client.get(path)  # Django moves the token into the session and redirects
    assert landing.status_code == 302
    form_url = landing["Location"]
    page = client.get(form_url, HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 200 and b"new_password1" in page.content

    weak = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and b'class="error"' in weak.content

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/password-reset/done/"
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert mailoutbox[-1].subject == "Je Social Shift-wachtwoord is gewijzigd"

    # The link works once; then the new password logs in.
    again = Client().get(path, follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    assert b"Deze link werkt niet meer" in again.content
    login = Client().post("/login/", {"login": "anna@example.com", "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_an_english_member_gets_the_mail_in_english(client, mailoutbox, django_capture_on_commit_callbacks):
    MemberFactory(email="bob@example.com", language="en", display_name="Bob")
    # The page is Dutch (the visitor's browser); the mail follows the member's own language.
    request_reset(client, "bob@example.com", django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert mail.subject == "Choose a new password for Social Shift"
    assert "Hello Bob," in mail.body and "The link works for 2 hours" in mail.body


def test_an_unknown_address_gets_the_same_answer(client, mailoutbox, django_capture_on_commit_callbacks):
    MemberFactory(email="known@example.com")
    known = request_reset(client, "known@example.com", django_capture_on_commit_callbacks)
    unknown = request_reset(client, "unknown@example.com", django_capture_on_commit_callbacks)
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mailoutbox) == 1
    page = client.get("/password-reset/sent/", HTTP_ACCEPT_LANGUAGE="nl")
    assert b"Als er een account bij dit adres hoort" in page.content


def test_bad_input_is_a_form_error(client, mailoutbox):
    response = client.post("/password-reset/", {"email": "not an address"})
    assert response.status_code == 200 and b'class="error"' in response.content
    assert mailoutbox == []


def test_an_expired_or_tampered_link_is_refused(client, mailoutbox, settings, django_capture_on_commit_callbacks):
    MemberFactory(email="anna@example.com", language="en")
    request_reset(client, "anna@example.com", django_capture_on_commit_callbacks)
    path = link_in(mailoutbox[0])
    tampered = client.get(path[:-3] + "xx/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert b"This link no longer works" in tampered.content
    later = timezone.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with time_machine.travel(later, tick=False):
        expired = client.get(path, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert b"This link no longer works" in expired.content and b"new_password1" not in expired.content


# --- change password ----------------------------------------------------------------------------


def test_anonymous_visitors_cannot_change_a_password(client):
    assert client.get("/profile/password/")["Location"].startswith("/login/")
    assert client.post("/profile/password/", {"old_password": "x"})["Location"].startswith("/login/")


def test_a_wrong_current_password_is_refused(client_for):
    member = MemberFactory(language="nl")
    response = client_for(member).post(
        "/profile/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200 and b"Je huidige wachtwoord klopt niet." in response.content
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_changing_the_password_keeps_this_session_and_ends_the_others(
    engine, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SESSION_ENGINE = engine
    member = MemberFactory(language="en")
    here, elsewhere = Client(), Client()
    assert here.login(email=member.email, password=PASSWORD) and elsewhere.login(email=member.email, password=PASSWORD)
    token = services.api_token(member=member)
    with django_capture_on_commit_callbacks(execute=True):
        response = here.post(
            "/profile/password/",
            {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == "/profile/"
    assert b"Your password has been changed" in response.content
    assert here.get("/profile/").status_code == 200
    assert elsewhere.get("/profile/")["Location"].startswith("/login/")
    assert not token_works(token)
    assert [mail.subject for mail in mailoutbox] == ["Your Social Shift password has been changed"]


# --- log out everywhere -------------------------------------------------------------------------


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_log_out_everywhere_ends_other_sessions_and_tokens(engine, settings):
    settings.SESSION_ENGINE = engine
    member, bystander = MemberFactory(language="nl"), MemberFactory()
    here, elsewhere, theirs = Client(), Client(), Client()
    for client, who in ((here, member), (elsewhere, member), (theirs, bystander)):
        assert client.login(email=who.email, password=PASSWORD)
    token = services.api_token(member=member)
    their_token = services.api_token(member=bystander)
    assert token_works(token)

    response = here.post("/profile/log-out-everywhere/", follow=True)
    assert b"Je bent uitgelogd op alle andere browsers en apps." in response.content
    assert here.post("/profile/log-out-everywhere/").status_code == 302  # a double click is harmless
    assert here.get("/profile/").status_code == 200
    assert elsewhere.get("/profile/")["Location"].startswith("/login/")
    assert not token_works(token)
    # Someone else's sessions and token are untouched.
    assert theirs.get("/profile/").status_code == 200
    assert token_works(their_token)
    # Logging in again works as before.
    assert elsewhere.login(email=member.email, password=PASSWORD)
    assert elsewhere.get("/profile/").status_code == 200


def test_log_out_everywhere_needs_a_signed_in_post_with_csrf(client, client_for):
    assert client.post("/profile/log-out-everywhere/")["Location"].startswith("/login/")
    member = MemberFactory()
    assert client_for(member).get("/profile/log-out-everywhere/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post("/profile/log-out-everywhere/").status_code == 403
    member.refresh_from_db()
    assert member.session_generation == 0


def test_the_profile_offers_both(client_for):
    page = client_for(MemberFactory(language="nl")).get("/profile/")
    assert b"Overal uitloggen" in page.content and b'href="/profile/password/"' in page.content


# --- choosing a password when joining ------------------------------------------------------------


def invitation_for(master, email="fenna@example.com"):
    return services.invite(rows=[{"name": "Fenna", "email": email, "line": 2}], by=master)[0]


def test_joining_refuses_a_weak_password_then_logs_in(client, master):
    invitation = invitation_for(master)
    url = f"/join/{selectors.token_for(invitation)}/"
    weak = client.post(url, {"password": "fenna123", "password2": "fenna123"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert weak.status_code == 200 and b'class="error"' in weak.content
    assert not Member.objects.filter(email="fenna@example.com").exists()
    joined = client.post(url, {"password": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert joined["Location"] == "/welcome/"
    assert client.get("/profile/").status_code == 200  # logged in
    assert Member.objects.get(email="fenna@example.com").check_password(NEW_PASSWORD)
    # Sending the form again (back button) carries on instead of failing.
    assert client.post(url, {"password": NEW_PASSWORD, "password2": NEW_PASSWORD})["Location"] == "/welcome/"
    assert Member.objects.filter(email="fenna@example.com").count() == 1


def test_expired_used_and_withdrawn_invitations_say_so_in_dutch(client, master, settings):
    invitation = invitation_for(master)
    token = selectors.token_for(invitation)
    later = timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS, hours=1)
    with time_machine.travel(later, tick=False):
        expired = client.get(f"/join/{token}/", HTTP_ACCEPT_LANGUAGE="nl")
    assert expired.status_code == 404 and b"Deze uitnodigingslink is verlopen" in expired.content

    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    used = client.post(
        f"/join/{token}/", {"password": NEW_PASSWORD, "password2": NEW_PASSWORD}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert used.status_code == 409 and b"Deze uitnodiging is al geaccepteerd" in used.content

    withdrawn = invitation_for(master, email="gone@example.com")
    token = selectors.token_for(withdrawn)
    withdrawn.delete()
    response = client.get(f"/join/{token}/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 404 and b"niet meer geldig" in response.content
    assert not Token.objects.exists()


def test_a_failing_mail_server_gives_the_same_answer(client, monkeypatch, django_capture_on_commit_callbacks):
    """An error only for known addresses would tell who has an account."""
    from django.core.mail import EmailMultiAlternatives

    def broken(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server away")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    MemberFactory(email="known@example.com")
    response = request_reset(client, "known@example.com", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
