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
        grant(MASTERS, ["cms.change_brandingsettings", "cms.view_brandingsettings"])
