"""A Master can make single sign-on the only way in, except for one break-glass account
(people.models.IdentitySettings, people.adapter.AccountAdapter.pre_authenticate)."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from people import policies
from people.models import IdentitySettings, Role
from people.roles import ensure_role_groups
from people.services import sync_groups
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

SSO_APP = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "sso",
                "name": "Contoso",
                "client_id": "x",
                "secret": "y",
                "settings": {"server_url": "https://idp.invalid"},
            }
        ]
    }
}


@pytest.fixture
def break_glass(db):
    return MemberFactory(role=Role.MASTER, email="break-glass@example.com")


@pytest.fixture
def sso_only(settings, break_glass):
    settings.SOCIALACCOUNT_PROVIDERS = SSO_APP
    IdentitySettings.objects.update_or_create(defaults={"sso_only": True, "break_glass_account": break_glass})


def page_login(email, password=PASSWORD):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    return client, client.post("/login/", {"login": email, "password": password})


def test_passwords_stop_working_for_everyone_but_the_break_glass_account(sso_only, break_glass):
    member = MemberFactory()
    client, response = page_login(member.email)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Log in through single sign-on" in response.content.decode()
    token = APIClient().post("/api/v1/auth/token/", {"email": member.email, "password": PASSWORD}, format="json")
    assert token.status_code == 403 and token.json()["code"] == "sso_only"

    client, response = page_login(break_glass.email)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(break_glass.pk)
    token = APIClient().post("/api/v1/auth/token/", {"email": break_glass.email, "password": PASSWORD}, format="json")
    assert token.status_code == 200


def test_the_break_glass_password_is_still_checked(sso_only, break_glass):
    client, response = page_login(break_glass.email, "wrong")
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_without_sso_configured_the_switch_locks_no_one_out(settings, break_glass):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    IdentitySettings.objects.update_or_create(defaults={"sso_only": True, "break_glass_account": break_glass})
    member = MemberFactory()
    assert page_login(member.email)[1].status_code == 302


def test_saml_alone_counts_as_sso_configured(settings, break_glass):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"APPS": []},
        "saml": {"APPS": [{"client_id": "sso", "name": "Contoso", "settings": {"idp": {}}}]},
    }
    IdentitySettings.objects.update_or_create(defaults={"sso_only": True, "break_glass_account": break_glass})
    member = MemberFactory()
    assert page_login(member.email)[1].status_code == 200
    assert page_login(break_glass.email)[1].status_code == 302


def test_off_by_default():
    member = MemberFactory()
    assert page_login(member.email)[1].status_code == 302


def test_the_policy():
    allowed = policies.may_log_in_with_password
    assert allowed(email="a@x.nl", sso_only=False, break_glass_email=None, sso_configured=True)
    assert not allowed(email="a@x.nl", sso_only=True, break_glass_email=None, sso_configured=True)
    assert allowed(email="A@x.nl ", sso_only=True, break_glass_email="a@x.nl", sso_configured=True)
    assert not allowed(email="b@x.nl", sso_only=True, break_glass_email="a@x.nl", sso_configured=True)
    assert allowed(email="b@x.nl", sso_only=True, break_glass_email="a@x.nl", sso_configured=False)


def test_masters_edit_the_setting_in_the_admin_and_editors_may_not():
    ensure_role_groups()
    master = MemberFactory(role=Role.MASTER)
    editor = MemberFactory(role=Role.EDITOR)
    for member in (master, editor):
        sync_groups(member=member)
    url = "/admin/settings/people/identitysettings/"
    master_client = Client()
    master_client.force_login(master)
    assert master_client.get(url, follow=True).status_code == 200
    editor_client = Client()
    editor_client.force_login(editor)
    response = editor_client.get(url)
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/admin/" in response["Location"]
