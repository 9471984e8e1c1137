"""``/api/schema/`` and ``/api/docs/`` (Swagger UI): open to anyone by default, to signed-in
members only where ``API_DOCS_LOGIN_REQUIRED`` is on (``cms.settings.production``).

Swagger UI is served as drf-spectacular's "split" view: its start-up script is a file of
its own (``?script=``), not an inline script, so the page keeps the site's Content Security
Policy; its one inline ``<style>`` carries the request's nonce (``cms/api_docs.html``)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.permissions import BasePermission


class DocsPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        if not getattr(settings, "API_DOCS_LOGIN_REQUIRED", False):
            return True
        return bool(request.user and request.user.is_authenticated)


class SchemaView(SpectacularAPIView):
    permission_classes = [DocsPermission]


class DocsView(SpectacularSwaggerSplitView):
    permission_classes = [DocsPermission]
    template_name = "cms/api_docs.html"

    def handle_exception(self, exc):
        # A person in a browser: the login page, then back here (not a bare 401).
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)
