# Hooks that join apps which may not import each other (registered when Wagtail loads hooks).
from cms.reports import wagtail_hooks as reports_hooks  # noqa: F401
