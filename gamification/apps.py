from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GamificationConfig(AppConfig):
    name = "gamification"
    verbose_name = _("Gamification")

    def ready(self):
        from people import roles

        models = ["pointrule", "level", "badgeclass", "badgeaward", "prizeperiod", "pointsentry"]
        roles.grant(
            roles.MASTERS,
            [f"gamification.{verb}_{model}" for model in models for verb in ("add", "change", "delete", "view")],
        )
