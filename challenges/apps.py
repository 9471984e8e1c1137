from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Challenges and stories")

    def ready(self):
        from people import roles

        roles.grant(
            roles.MASTERS,
            [
                *[f"challenges.{verb}_challenge" for verb in ("add", "change", "delete", "view")],
                *[f"challenges.{verb}_story" for verb in ("change", "view")],
                "challenges.view_reviewdecision",
                "challenges.view_share",
                "challenges.change_sharingsettings",
            ],
        )
        roles.grant(roles.EDITORS, ["challenges.view_story", "challenges.view_reviewdecision"])
