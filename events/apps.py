from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Sessions")

    def ready(self):
        from wagtail.signals import page_published

        from people import roles

        from .signals import session_published

        models = ["linkedinchecklistitem", "registration", "sessionfeedback", "actionitem"]
        roles.grant(
            roles.MASTERS,
            [f"events.{verb}_{model}" for model in models for verb in ("add", "change", "delete", "view")],
        )
        # Wagtail's publish is a framework event; what happens next is one service call.
        page_published.connect(session_published, dispatch_uid="events.session_published")
