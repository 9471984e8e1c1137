from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy")

    def ready(self):
        from people import roles

        roles.grant(roles.MASTERS, [f"strategy.{verb}_calendarentry" for verb in ("add", "change", "delete", "view")])
        # Activators plan around the inhaakkalender; changing it would change it for everyone.
        roles.grant(roles.ACTIVATORS, ["strategy.view_calendarentry"])
