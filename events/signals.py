"""Framework events that start a session service (connected in ``EventsConfig.ready``)."""

from .models import SessionPage
from .services.registration import announce_changes


def session_published(sender, instance, **kwargs):
    """Wagtail published a page: for a session, tell its registrants what changed."""
    if isinstance(instance, SessionPage) or isinstance(getattr(instance, "specific", None), SessionPage):
        announce_changes(session=instance.specific)
