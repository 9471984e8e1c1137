# Hooks that join apps which may not import each other (registered when Wagtail loads hooks).
from cms import content_calendar  # noqa: F401
from cms.reports import wagtail_hooks as reports_hooks  # noqa: F401
