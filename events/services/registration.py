"""Who has a place in a session: registering, cancelling, the waiting list moving up, and
what a published change tells the registrants.

Locking: everything that changes who has a place (register, cancel, promote, a capacity
change) runs while holding the lock on the session's row (``SessionPage``, the row that has
the capacity), taken first and alone with ``core.locking.lock``, so the lock order is always
session → its registrations. On PostgreSQL the wait for it is short (``LOCK_TIMEOUT``): a
request that cannot get it is refused with ``Busy`` ("try again") instead of piling up
behind a stuck transaction."""

import datetime
import uuid
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, NotFound
from core.locking import lock
from people import services as people_services
from people.models import Member

from ..errors import NotForYou, RegistrationClosed, SessionFull
from ..models import Registration, SessionPage, SessionSchedule
from . import registration_pg
from .learning_record import session_event

BUSY = _("Many people are registering right now. Please try again in a moment.")


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool


def _live(session_id: int) -> SessionPage:
    """The session's current values, read after its row is locked."""
    return SessionPage.objects.only(
        "id", "title", "capacity", "waiting_list", "starts_at", "registration_deadline", "cancelled"
    ).get(pk=session_id)


def _live_with_places(session_id: int, member: Member) -> SessionPage:
    """``_live`` with what registering decides on, read in the same query after the lock:
    ``taken`` (places given), ``last`` (the last position in the line) and ``mine`` (the
    member's registration that is not cancelled, or None). One statement instead of four:
    every round trip made while holding the lock is a wait for everyone queued behind it
    (200 members registering at once waited 5 s and more)."""
    registrations = Registration.objects.filter(session_id=OuterRef("pk"))

    return (
        SessionPage.objects.only(
            "id", "title", "capacity", "waiting_list", "starts_at", "registration_deadline", "cancelled"
        )
        .annotate(
            taken=Coalesce(
                Subquery(
                    registrations.filter(status=Registration.Status.REGISTERED)
                    .order_by()
                    .values("session_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                0,
            ),
            last=Subquery(registrations.order_by().values("session_id").annotate(n=Max("position")).values("n")[:1]),
            mine=Subquery(
                registrations.filter(member=member).exclude(status=Registration.Status.CANCELLED).values("pk")[:1]
            ),
        )
        .get(pk=session_id)
    )


def _format_local(value: datetime.datetime, session: SessionPage) -> str:
    local = value.astimezone(session.zone)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({session.zone.key})"


def _check_audience(member: Member, session: SessionPage) -> None:
    departments = list(session.audience_departments.values_list("pk", "name"))
    if departments and member.department_id not in {pk for pk, _name in departments}:
        raise NotForYou(
            _("This session is for %(departments)s.") % {"departments": ", ".join(name for _pk, name in departments)}
        )


def register(*, member: Member, session: SessionPage, now: datetime.datetime | None = None) -> RegistrationResult:
    """Give ``member`` a place, or a place on the waiting list when the session is full.

    Locks the session's row, so places are counted and handed out one request at a time:
    the capacity is never exceeded and the waiting list keeps the order of arrival.
    Registering twice returns the existing registration (``created`` False).

    Raises ``NotForYou`` (403) outside the session's audience, ``RegistrationClosed`` (409)
    after the deadline or for a cancelled session, ``SessionFull`` (409) when full without a
    waiting list, ``Busy`` (503) when the lock cannot be had in time."""
    now = now or timezone.now()
    _check_audience(member, session)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            placed = registration_pg.lock_and_place(member=member, session_id=session.pk, now=now, busy_message=BUSY)
            if placed is not None:
                _registered(placed, session=session, now=now)
                return RegistrationResult(placed, created=True)
            # Nothing inserted: read why, still under the lock.
        else:
            lock(session, message=BUSY)
        live = _live_with_places(session.pk, member)
        if live.mine is not None:
            return RegistrationResult(Registration.objects.get(pk=live.mine), created=False)
        if live.cancelled:
            raise RegistrationClosed(_("This session has been cancelled."))
        if now >= live.deadline:
            raise RegistrationClosed(
                _("Registration for this session closed on %(deadline)s.")
                % {"deadline": _format_local(live.deadline, session)}
            )
        if live.taken < live.capacity:
            status = Registration.Status.REGISTERED
        elif live.waiting_list:
            status = Registration.Status.WAITLISTED
        else:
            raise SessionFull(_("This session is full and has no waiting list."))
        # Stamped after the lock was granted, so the times follow the order of the line.
        registration = Registration.objects.create(
            session_id=live.pk, member=member, status=status, position=(live.last or 0) + 1, created_at=timezone.now()
        )
        _registered(registration, session=session, now=now)
    return RegistrationResult(registration, created=True)


def _registered(registration: Registration, *, session: SessionPage, now: datetime.datetime) -> None:
    """What a new registration tells the learning record (a place, not the waiting list)."""
    if registration.status == Registration.Status.REGISTERED:
        session_event(
            member=registration.member, verb="registered", session=session, registration=registration, occurred_at=now
        )


def cancel(*, member: Member, session: SessionPage, now: datetime.datetime | None = None) -> Registration:
    """Cancel ``member``'s registration; a freed place goes to the next on the waiting list
    in the same transaction. A cancelled registration stays cancelled for good.

    Locks the session's row. Returns the cancelled registration. Raises ``NotFound`` (404)
    without a registration, ``Conflict`` (409) once the session has started, ``Busy`` (503)."""
    now = now or timezone.now()
    with transaction.atomic():
        lock(session, message=BUSY)
        live = _live(session.pk)
        registration = (
            Registration.objects.filter(session_id=live.pk, member=member)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if registration is None:
            raise NotFound(_("You are not registered for this session."))
        if now >= live.starts_at:
            raise Conflict(_("The session has started; you can no longer cancel."), code="session_started")
        had_place = registration.status == Registration.Status.REGISTERED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if had_place:
            _promote(live, session, now)
    return registration


def _promote(live: SessionPage, session: SessionPage, now: datetime.datetime) -> list[Registration]:
    """With the session locked: move the first waiting members into the free places and tell
    them. Nobody is promoted once the session has started or when it was cancelled."""
    if now >= live.starts_at or live.cancelled:
        return []
    taken = Registration.objects.filter(session_id=live.pk, status=Registration.Status.REGISTERED).count()
    free = live.capacity - taken
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(session_id=live.pk, status=Registration.Status.WAITLISTED)
        .select_related("member")
        .order_by("position")[:free]
    )
    url = session.url or ""
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        session_event(
            member=registration.member, verb="registered", session=session, registration=registration, occurred_at=now
        )
        people_services.notify(
            member=registration.member,
            kind="session_place",
            title=_("You have a place: %(session)s"),
            body=_("A place became free and it is yours. We look forward to seeing you on %(when)s."),
            params={"session": live.title, "when": _format_local(live.starts_at, session)},
            url=url,
            dedupe_key=f"session_promoted:{registration.pk}",
        )
    return promoted


def announce_changes(*, session: SessionPage, now: datetime.datetime | None = None) -> int:
    """After a publish: tell registrants (and the waiting list) once when the time, the
    place or the online link changed, or the session was cancelled; fill the places a
    higher capacity freed.

    Locks the session's row. Returns how many members were told. Raises ``Busy`` (503)."""
    now = now or timezone.now()
    with transaction.atomic():
        lock(session, message=BUSY)
        session = SessionPage.objects.get(pk=session.pk)
        current = {
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "venue": session.venue,
            "online_url": session.online_url,
            "cancelled": session.cancelled,
        }
        schedule, created = SessionSchedule.objects.get_or_create(session=session, defaults=current)
        told = 0
        if not created:
            changed = [name for name, value in current.items() if getattr(schedule, name) != value]
            if changed:
                for name, value in current.items():
                    setattr(schedule, name, value)
                schedule.save()
                told = _tell_registrants(session, cancelled=session.cancelled and "cancelled" in changed)
        if not session.cancelled:
            _promote(session, session, now)
    return told


def _tell_registrants(session: SessionPage, *, cancelled: bool) -> int:
    registrations = Registration.objects.filter(
        session=session, status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED]
    ).select_related("member")
    stamp = uuid.uuid5(
        uuid.NAMESPACE_URL,
        f"{session.starts_at.isoformat()}|{session.ends_at.isoformat()}|{session.venue}|{session.online_url}|"
        f"{session.cancelled}",
    ).hex[:12]
    count = 0
    for registration in registrations:
        if cancelled:
            title = _("Cancelled: %(session)s")
            body = _("Unfortunately %(session)s on %(when)s has been cancelled. Your registration lapses.")
        else:
            title = _("Changed: %(session)s")
            body = _("%(session)s has changed. It now takes place on %(when)s at %(where)s.")
        people_services.notify(
            member=registration.member,
            kind="session_cancelled" if cancelled else "session_changed",
            title=title,
            body=body,
            params={
                "session": session.title,
                "when": _format_local(session.starts_at, session),
                "where": session.venue or _("online"),
            },
            url=session.url or "",
            dedupe_key=f"session_changed:{session.pk}:{stamp}",
        )
        count += 1
    return count
