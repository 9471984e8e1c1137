from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from people import roles

        # The Social Master runs the programme: its settings (works-council switch, cost
        # per click, pilot size) are theirs to change.
        roles.grant(roles.MASTERS, ["cms.change_programmesettings"])
