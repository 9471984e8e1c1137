from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from core import branding
        from people.roles import MASTERS, grant

        from .models import current_branding

        branding.register(current_branding)
        # The Social Master runs the programme: its settings (works-council switch, cost
        # per click, pilot size) and the organisation's branding are theirs to change.
        grant(MASTERS, ["cms.change_programmesettings", "cms.change_brandingsettings", "cms.view_brandingsettings"])
