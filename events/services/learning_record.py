"""Telling whoever keeps learning records (``learning``'s xAPI outbox) that a member registered
for or attended a session.

``events`` and ``learning`` sit on the same line of the app order and may not import each
other, so the event leaves as plain values through the Wagtail hook ``record_learning_event``,
which ``learning.wagtail_hooks`` answers (as ``learning_dashboard_sections`` goes the other
way). Called inside the service's transaction: a rolled-back registration records nothing."""

import datetime

from wagtail import hooks

from people.models import Member

from ..models import Registration, SessionPage


def session_event(
    *, member: Member, verb: str, session: SessionPage, registration: Registration, occurred_at: datetime.datetime
) -> None:
    """``verb`` is ``registered`` or ``attended``. Returns nothing; raises nothing of its own."""
    for hook in hooks.get_hooks("record_learning_event"):
        hook(
            member=member,
            verb=verb,
            ref=str(registration.pk),
            session_key=session.translation_key,
            title=session.title,
            locale_id=session.locale_id,
            occurred_at=occurred_at,
        )
