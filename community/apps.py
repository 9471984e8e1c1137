from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from people import roles

        roles.grant(
            roles.MASTERS,
            [
                *[f"community.{verb}_space" for verb in ("add", "change", "delete", "view")],
                "community.view_moderationdecision",
            ],
        )
