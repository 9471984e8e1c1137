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
