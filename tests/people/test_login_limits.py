"""A login that resists guessing and never locks out an office (people/adapter.py): failed
attempts are limited per account and per client address on every way in (the login page,
the Wagtail admin, which sends to it, and the API token endpoint); successful logins are
never limited per address; X-Forwarded-For counts only behind a configured proxy."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


def page_login(client, email, password, **headers):
    headers.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
    return client.post("/login/", {"login": email, "password": password}, **headers)


def token_login(client, email, password, **headers):
    return client.post("/api/v1/auth/token/", {"email": email, "password": password}, format="json", **headers)


def refused_on_page(response) -> bool:
    return response.status_code == 200 and b'data-testid="login-error"' in response.content


def test_wrong_passwords_for_one_account_are_stopped_well_before_the_30th_on_the_page():
    member = MemberFactory(email="anna@example.com")
    client = Client()
    messages = []
    for attempt in range(30):
        response = page_login(client, member.email, f"guess-{attempt}", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
        assert refused_on_page(response)
        messages.append(response.content.decode())
    locked = [index for index, body in enumerate(messages) if "Too many failed login attempts" in body]
    assert locked and locked[0] <= 5, "the sixth wrong password is refused for the count, not checked"
    # While the account is locked, even the right password does not get in.
    assert refused_on_page(page_login(client, member.email, PASSWORD))
    assert "_auth_user_id" not in client.session


def test_a_different_client_address_for_each_guess_does_not_help():
    """Without a trusted proxy X-Forwarded-For is ignored, and the per-account limit holds
    whatever the address: each guess from another REMOTE_ADDR is stopped the same."""
    member = MemberFactory()
    client = Client()
    statuses = [
        page_login(client, member.email, "wrong", REMOTE_ADDR=f"198.51.100.{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        for n in range(10)
    ]
    assert all(refused_on_page(r) for r in statuses)
    assert "Too many failed login attempts" in statuses[-1].content.decode()


def test_the_locked_out_message_is_dutch_for_a_dutch_visitor():
    member = MemberFactory()
    client = Client()
    for _ in range(6):
        response = page_login(client, member.email, "wrong", HTTP_ACCEPT_LANGUAGE="nl")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Te veel mislukte inlogpogingen" in body


def test_fifty_members_log_in_from_one_address_within_a_minute():
    members = [MemberFactory() for _ in range(50)]
    for member in members:
        response = page_login(Client(), member.email, PASSWORD, REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 302, member.email
    for member in members:
        response = token_login(APIClient(), member.email, PASSWORD, REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 200


def test_an_office_with_a_few_typos_keeps_logging_in():
    """Mistakes by colleagues behind one address do not lock the address out early."""
    members = [MemberFactory() for _ in range(20)]
    for member in members:
        assert refused_on_page(page_login(Client(), member.email, "typo", REMOTE_ADDR="192.0.2.20"))
        assert page_login(Client(), member.email, PASSWORD, REMOTE_ADDR="192.0.2.20").status_code == 302


def test_the_address_limit_stops_one_address_guessing_many_accounts():
    members = [MemberFactory() for _ in range(40)]
    responses = [page_login(Client(), m.email, "wrong", REMOTE_ADDR="192.0.2.30") for m in members]
    assert "Too many failed login attempts" in responses[-1].content.decode()
    # Another address is not affected.
    assert page_login(Client(), members[0].email, PASSWORD, REMOTE_ADDR="192.0.2.31").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    members = [MemberFactory() for _ in range(40)]
    for m in members:
        page_login(Client(), m.email, "wrong", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.40")
    # The proxy's own address is the same for everyone, yet another client behind it gets in.
    response = page_login(
        Client(), members[0].email, PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.41"
    )
    assert response.status_code == 302
    locked = page_login(Client(), members[1].email, PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.40")
    assert refused_on_page(locked)


def test_the_token_endpoint_answers_429_with_a_code_once_the_account_is_locked():
    member = MemberFactory()
    client = APIClient()
    statuses = []
    for attempt in range(30):
        response = token_login(client, member.email, "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
        statuses.append(response.status_code)
    assert statuses[:5] == [400] * 5
    assert set(statuses[5:]) == {429}
    body = token_login(client, member.email, PASSWORD).json()
    assert body["code"] == "too_many_login_attempts" and body["detail"]
    assert not Token.objects.filter(user=member).exists()


def test_the_token_endpoint_and_the_page_share_the_account_limit():
    member = MemberFactory()
    for _ in range(5):
        token_login(APIClient(), member.email, "wrong")
    assert refused_on_page(page_login(Client(), member.email, PASSWORD))


def test_the_token_endpoint_speaks_dutch_when_locked():
    member = MemberFactory()
    for _ in range(5):
        token_login(APIClient(), member.email, "wrong")
    response = token_login(APIClient(), member.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.json()["detail"]


def test_the_wagtail_admin_login_sends_to_the_one_login_page():
    response = Client().get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=%2Fadmin%2Fpages%2F"
    # A POST there logs no one in: it is the same redirect.
    member = MemberFactory()
    response = Client().post("/admin/login/", {"username": member.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/login/"
    foreign = Client().get("/admin/login/?next=https://evil.example/")
    assert foreign["Location"] == "/login/"


def test_the_admin_sends_a_visitor_to_the_login_page_and_back():
    member = MemberFactory(is_superuser=True)
    response = Client().get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    client = Client()
    response = client.post("/login/?next=/admin/", {"login": member.email, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_demo_style_login_with_e_mail_and_password_still_works():
    MemberFactory(email="master@example.com", password="socialshift")
    response = page_login(Client(), "Master@Example.com", "socialshift")
    assert response.status_code == 302 and response["Location"] == "/"


def test_an_inactive_member_does_not_get_in():
    member = MemberFactory(is_active=False)
    client = Client()
    response = page_login(client, member.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    assert token_login(APIClient(), member.email, PASSWORD).status_code == 400
