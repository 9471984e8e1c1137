"""people/authentication.py: the API's token authentication finds the member in one raw query
and refuses as DRF does, in the member's language when it can tell it."""

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.test import APIClient

from people.authentication import MemberTokenAuthentication
from people.services.tokens import api_token, revoke_api_tokens
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_token_names_its_member_and_the_answer_is_in_their_language(django_assert_num_queries):
    member = MemberFactory(language="nl", display_name="Sanne")
    key = api_token(member=member)
    with django_assert_num_queries(1):
        found, token = MemberTokenAuthentication().authenticate_credentials(key)
    assert found == member and found.display_name == "Sanne"
    assert (token.key, token.user_id, token.created) == (key, member.pk, Token.objects.get(key=key).created)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"


def test_an_unknown_revoked_or_inactive_members_token_is_refused():
    member = MemberFactory()
    key = api_token(member=member)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="nl")
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    refused = client.get("/api/v1/me/")
    assert (refused.status_code, refused.json()["code"]) == (401, "authentication_failed")
    assert refused.json()["detail"] == "Ongeldige token."

    member.is_active = False
    member.save(update_fields=["is_active"])
    with translation.override("en"), pytest.raises(AuthenticationFailed, match="User inactive or deleted"):
        MemberTokenAuthentication().authenticate_credentials(key)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/").json()["detail"] == "Gebruiker inactief of verwijderd."

    member.is_active = True
    member.save(update_fields=["is_active"])
    revoke_api_tokens(member=member)
    with translation.override("en"), pytest.raises(AuthenticationFailed, match="Invalid token"):
        MemberTokenAuthentication().authenticate_credentials(key)
