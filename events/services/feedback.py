"""Feedback on a session: a rating from 1 to 5 and an optional comment."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput, NotAllowed
from people.models import Member

from ..models import Registration, SessionFeedback, SessionPage

MAX_COMMENT = 2000


def give_feedback(
    *, session: SessionPage, member: Member, rating: int, comment: str = "", now: datetime.datetime | None = None
) -> SessionFeedback:
    """Rate a session 1–5 with an optional comment; giving it again replaces it (one row per
    member and session, ``update_or_create``; no lock). Only members who had a place, once
    the session has started. Returns the feedback.

    Raises ``InvalidInput`` (400) for a rating outside 1–5 or a comment over 2000
    characters, ``NotAllowed`` (403) without a place, ``Conflict`` (409) before the start."""
    now = now or timezone.now()
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput(_("Give a rating from 1 to 5."))
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise InvalidInput(_("Keep your comment under 2000 characters."))
    if not Registration.objects.filter(session=session, member=member, status=Registration.Status.REGISTERED).exists():
        raise NotAllowed(_("Only members who had a place can give feedback."))
    if now < session.starts_at:
        raise Conflict(_("You can give feedback once the session has started."), code="session_not_started")
    feedback, _created = SessionFeedback.objects.update_or_create(
        session=session, member=member, defaults={"rating": rating, "comment": comment, "created_at": now}
    )
    return feedback
