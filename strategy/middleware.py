"""Members accept the current social media guidelines before anything else.

A signed-in member who has not accepted the current version is sent to the guidelines page
first (with ``?next=`` back to where they were going). The API is left to
``strategy.permissions.GuidelinesAccepted`` (token clients are known only to DRF).
Nothing changes while no version is published. The check costs no query while the
member's session remembers the accepted version (and usually none for the current id,
``selectors.current_guidelines_id``)."""

from django.shortcuts import redirect
from django.utils.http import urlencode

from . import selectors

SESSION_KEY = "guidelines_accepted"

# Where such a member may still go: the guidelines themselves, logging in and out, the
# language switch, files, the admin (a Master publishes the guidelines there) and health.
OPEN_PREFIXES = (
    "/guidelines/",
    "/accounts/",
    "/logout/",
    "/login/",
    "/language/",
    "/static/",
    "/media/",
    "/private-media/",
    "/favicon.ico",
    "/admin/",
    "/health/",
    "/join/",
    "/s/",
)


class RequireGuidelinesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        user = getattr(request, "user", None)
        if path.startswith(("/api/", "/scim/")) or user is None or not user.is_authenticated:
            return self.get_response(request)
        if path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if not accepted(request, user):
            return redirect(f"/guidelines/?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def accepted(request, member) -> bool:
    """Whether ``member`` accepted the current guidelines (true while none are published);
    remembered in the session when there is one."""
    current = selectors.current_guidelines_id()
    if not current:
        return True
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_KEY) == current:
        return True
    if not selectors.has_accepted_id(member=member, guidelines_id=current):
        return False
    if session is not None:
        session[SESSION_KEY] = current
    return True
