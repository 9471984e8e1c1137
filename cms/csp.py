"""The Content Security Policy header (django-csp), with one exception: the Wagtail admin.

The site itself runs no inline script, no event-handler attribute and no ``eval``: scripts
come from our static files only (``CONTENT_SECURITY_POLICY`` in the settings). Wagtail's
admin still writes inline ``<script>`` blocks into its own templates (inline panels, date
pickers, the workflow and chooser set-up) and inline styles, which no nonce of ours can
reach; so under the admin's prefixes the directives of ``CONTENT_SECURITY_POLICY_ADMIN``
replace the site's. Only editors and Masters reach those pages, after logging in."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            not report_only
            and admin
            and parts.replace is None
            and request.path_info.startswith(tuple(admin["URL_PREFIXES"]))
        ):
            parts.replace = admin["DIRECTIVES"]
        return parts
