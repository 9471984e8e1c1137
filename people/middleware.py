from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from . import policies
from .adapter import has_second_factor, logged_in_through_sso


class ActivateMemberLanguageMiddleware:
    """A signed-in member reads the site in the language they chose, whatever the
    browser says; anonymous visitors get LocaleMiddleware's choice (cookie/browser)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "language", None):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class RequireSecondFactorMiddleware:
    """Members who must use two-factor authentication (``policies.needs_second_factor``,
    from ``MFA_REQUIRED_FOR_ROLES``) and logged in with a password but have no authenticator
    app yet go to the setup page first; the API answers them 403 ``mfa_setup_required``.
    Members who logged in through SSO are left alone (the IdP asks the second factor). Once
    an app is set up, allauth asks its code at every password login."""

    # Where such a member may still go: setting it up (allauth's pages under /accounts/),
    # logging out, the language switch and files.
    OPEN_PREFIXES = ("/accounts/", "/logout/", "/login/", "/language/", "/static/", "/media/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": _("Set up two-factor authentication on the website first."),
                        "code": "mfa_setup_required",
                    },
                    status=403,
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(self.OPEN_PREFIXES):
            return False
        if not policies.needs_second_factor(user):
            return False
        return not logged_in_through_sso(request) and not has_second_factor(user)
