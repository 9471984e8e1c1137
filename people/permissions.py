"""API permission classes by Social Shift role."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class IsMaster(BasePermission):
    message = _("Only a Social Master may do this.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_master)
