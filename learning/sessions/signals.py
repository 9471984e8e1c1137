from . import services


def session_published(sender, instance, **kwargs):
    from ..models import SessionPage

    if isinstance(instance, SessionPage) or isinstance(getattr(instance, "specific", None), SessionPage):
        services.announce_changes(session=instance.specific)
