"""The API's half of the guidelines gate (the pages' half is ``strategy.middleware``): a
member who has not accepted the current social media guidelines may read, but every write
answers 403 ``guidelines_not_accepted``, except accepting them (and erasing one's data).
In ``REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]``, so it holds for every member endpoint."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .middleware import accepted

OPEN_PATHS = ("/api/v1/guidelines/", "/api/v1/auth/", "/api/v1/me/erase/")


class GuidelinesAccepted(BasePermission):
    message = _("Accept the social media guidelines first.")
    code = "guidelines_not_accepted"

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or request.path.startswith(OPEN_PATHS):
            return True
        user = request.user
        if user is None or not user.is_authenticated:
            return True  # IsAuthenticated answers for them
        return accepted(request, user)
