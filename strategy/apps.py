from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy")

    def ready(self):
        from people import roles

        verbs = ("add", "change", "delete", "view")
        models = ("calendarentry", "goal", "keymessage", "audience", "guidelines")
        roles.grant(roles.MASTERS, [f"strategy.{verb}_{model}" for model in models for verb in verbs])
        # The 6 C's self-scan's questions are data the Master edits.
        roles.grant(roles.MASTERS, [f"strategy.{verb}_sixcquestion" for verb in verbs])
        # Activators plan around the inhaakkalender; changing it would change it for everyone.
        roles.grant(roles.ACTIVATORS, ["strategy.view_calendarentry"])

        from django.db.models.signals import post_delete, post_save

        from .models import Guidelines
        from .selectors import current_guidelines_memo

        post_save.connect(current_guidelines_memo.forget, sender=Guidelines, dispatch_uid="guidelines:save")
        post_delete.connect(current_guidelines_memo.forget, sender=Guidelines, dispatch_uid="guidelines:delete")
