"""Who came: hosts check members in by registration id or check-in code (QR code)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, NotAllowed, NotFound
from gamification.services.points import record_action
from people.models import Member

from ..models import Registration, SessionPage
from ..policies import HOSTS_ONLY, can_check_in
from .learning_record import session_event

CHECK_IN_OPENS_BEFORE = datetime.timedelta(hours=2)
CHECK_IN_CLOSES_AFTER = datetime.timedelta(hours=24)


@dataclass
class CheckInResult:
    registration: Registration
    newly: bool


def _find_registration(session: SessionPage, ref) -> Registration:
    ref = str(ref).strip()
    query = Q(code=ref.upper())
    if ref.isdigit() and len(ref) < 19:
        query |= Q(pk=int(ref))
    registration = Registration.objects.filter(query, session=session).select_related("member").first()
    if registration is None:
        raise NotFound(_("No registration with this code for this session."))
    return registration


def check_in(
    *, session: SessionPage, registration: Registration | str | int, by: Member, now: datetime.datetime | None = None
) -> CheckInResult:
    """Record that a member with a place is present (``registration``: the registration, its
    id or its check-in code), from two hours before the start until a day after the end.

    Once: the first check-in is claimed with a conditional update (no lock), so scanning the
    same code again, or twice at once, changes nothing, and ``session_attended`` is recorded
    with the first. Returns the registration and whether this call checked it in.

    Raises ``NotAllowed`` (403) unless ``by`` hosts the session or is a Master, ``NotFound``
    (404) for a code of no registration of this session, ``Conflict`` (409) without a place
    or outside the check-in window."""
    now = now or timezone.now()
    if not can_check_in(member=by, session=session):
        raise NotAllowed(HOSTS_ONLY)
    if not isinstance(registration, Registration):
        registration = _find_registration(session, registration)
    elif registration.session_id != session.pk:
        raise NotFound(_("No registration with this code for this session."))
    if registration.status != Registration.Status.REGISTERED:
        raise Conflict(
            _("%(name)s has no place in this session (%(status)s).")
            % {"name": registration.member.name, "status": registration.get_status_display()},
            code="no_place",
        )
    if now < session.starts_at - CHECK_IN_OPENS_BEFORE:
        raise Conflict(_("Check-in opens two hours before the session starts."), code="check_in_not_open")
    if now > session.ends_at + CHECK_IN_CLOSES_AFTER:
        raise Conflict(_("Check-in closed a day after the session."), code="check_in_closed")
    with transaction.atomic():
        claimed = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
            checked_in_at=now, checked_in_by=by, attended=True
        )
        if claimed:
            session_event(
                member=registration.member,
                verb="attended",
                session=session,
                registration=registration,
                occurred_at=now,
            )
            record_action(
                member=registration.member,
                action="session_attended",
                ref=f"session:{session.pk}",
                occurred_at=now,
                label=session.title,
                url=session.url or "",
            )
    registration.refresh_from_db()
    return CheckInResult(registration=registration, newly=bool(claimed))
