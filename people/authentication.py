from django.utils import translation
from rest_framework.authentication import TokenAuthentication


class MemberTokenAuthentication(TokenAuthentication):
    """Token authentication that, like a session, answers in the member's own language
    (the language middleware runs before DRF knows who the token belongs to)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and getattr(result[0], "language", None):
            translation.activate(result[0].language)
            request._request.LANGUAGE_CODE = result[0].language
        return result


def member_from_token(request):
    """The member a plain Django view's ``Authorization: Token …`` header names (for files
    the API links to, such as a session's ``.ics``), or None without such a header. Raises
    DRF's ``AuthenticationFailed`` for a token that is wrong or inactive."""
    from rest_framework.request import Request

    if not request.headers.get("Authorization", "").startswith(MemberTokenAuthentication.keyword + " "):
        return None
    result = MemberTokenAuthentication().authenticate(Request(request))
    return result[0] if result else None
