"""API tokens for programs that act as a member (the mobile app, scripts)."""

from rest_framework.authtoken.models import Token

from ..models import Member


def api_token(*, member: Member) -> str:
    """The member's API token, made on first use; every later login gets the same one.

    Locks nothing: ``get_or_create`` on the one-token-per-member key. Returns the key."""
    token, _created = Token.objects.get_or_create(user=member)
    return token.key
