from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class GamificationConfig(AppConfig):
    name = "gamification"
    verbose_name = _("Gamification")

    def ready(self):
        # Imported here: these modules need the app registry, which is ready only now.
        from people import roles

        from .models import Level, PointRule, PrizePeriod
        from .selectors.levels import levels_memo
        from .services.follow_ups import open_prizes_memo
        from .services.points import rules_memo

        models = ["pointrule", "level", "badgeclass", "badgeaward", "prizeperiod", "pointsentry"]
        roles.grant(
            roles.MASTERS,
            [f"gamification.{verb}_{model}" for model in models for verb in ("add", "change", "delete", "view")],
        )
        # The hot configuration every award reads is kept in the process and the cache
        # (``core.memo``): a Master's change clears both at once.
        for memo, sender in ((rules_memo, PointRule), (levels_memo, Level), (open_prizes_memo, PrizePeriod)):
            post_save.connect(memo.forget, sender=sender, dispatch_uid=f"{memo.key}:save")
            post_delete.connect(memo.forget, sender=sender, dispatch_uid=f"{memo.key}:delete")
