"""API tokens for programs that act as a member (the mobile app, scripts)."""

from rest_framework.authtoken.models import Token

from ..models import Member


def api_token(*, member: Member) -> str:
    """The member's API token, made on first use; every later login gets the same one.

    Locks nothing: ``get_or_create`` on the one-token-per-member key. Returns the key."""
    token, _created = Token.objects.get_or_create(user=member)
    return token.key


def revoke_api_tokens(*, member: Member) -> int:
    """Delete the member's API tokens, so every program using them must log in again.

    Locks nothing (a delete; running it twice is harmless). Returns how many were deleted."""
    deleted, _by_model = Token.objects.filter(user=member).delete()
    return deleted
