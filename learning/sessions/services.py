"""Every change to sessions' registrations, attendance, feedback, the LinkedIn checklist,
meetup action items and the content calendar.

Locking: everything that changes who has a place in a session (register, cancel, promote,
a capacity change) runs while holding a lock on the session's row (``SessionPage``, the
row that has the capacity), taken first and alone, so the lock order is always
session → its registrations. On PostgreSQL the wait for that lock is short
(``LOCK_TIMEOUT``): a request that cannot get it answers "busy, try again" instead of
piling up behind a stuck transaction.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import URLValidator
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError
from gamification.services.points import record_action
from people import services as people_services
from people.models import Member

from ..models import (
    ActionItem,
    CalendarEntry,
    CalendarFeed,
    CollectedStory,
    LinkedInChecklistItem,
    LinkedInChecklistTick,
    LinkedInProfile,
    Registration,
    SessionFeedback,
    SessionKind,
    SessionPage,
    SessionSchedule,
)
from . import holidays

LOCK_TIMEOUT = "5s"
CHECK_IN_OPENS_BEFORE = datetime.timedelta(hours=2)
CHECK_IN_CLOSES_AFTER = datetime.timedelta(hours=24)
REMINDERS = {
    # which: (field, starts no sooner than, starts no later than) from now
    "24h": ("reminded_24h_at", datetime.timedelta(hours=1), datetime.timedelta(hours=24)),
    "1h": ("reminded_1h_at", datetime.timedelta(0), datetime.timedelta(hours=1)),
}


class SessionError(ServiceError):
    """A session action that is refused (see the subclasses for the status)."""


class RegistrationClosed(SessionError):
    status_code = 409


class SessionFull(SessionError):
    status_code = 409


class NotForYou(SessionError):
    status_code = 403


class NotAllowed(SessionError):
    status_code = 403


class NotFound(SessionError):
    status_code = 404


class WrongState(SessionError):
    status_code = 409


class InvalidInput(SessionError):
    status_code = 400


class Busy(SessionError):
    status_code = 503


# --- who may do what ----------------------------------------------------------------------


def is_host(*, member: Member, session: SessionPage) -> bool:
    """Hosts of the session and Social Masters run it: roster, check-in, action items."""
    if not member.is_authenticated:
        return False
    if member.is_master:
        return True
    return session.hosts.filter(pk=member.pk).exists()


def _require_host(member: Member, session: SessionPage) -> None:
    if not is_host(member=member, session=session):
        raise NotAllowed(_("Only the hosts of this session and Social Masters may do this."))


# --- locking ------------------------------------------------------------------------------


def _lock_session(session_id: int) -> SessionPage:
    """Lock the session's row for the rest of the transaction and read its live values."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    try:
        return (
            SessionPage.objects.select_for_update(of=("self",))
            .only("id", "title", "capacity", "waiting_list", "starts_at", "registration_deadline", "cancelled")
            .get(pk=session_id)
        )
    except OperationalError as exc:
        if getattr(getattr(exc, "__cause__", None), "sqlstate", None) == "55P03":
            raise Busy(_("Many people are registering right now. Please try again in a moment.")) from exc
        raise


# --- registration -------------------------------------------------------------------------


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool


def _check_audience(member: Member, session: SessionPage) -> None:
    departments = list(session.audience_departments.values_list("pk", "name"))
    if departments and member.department_id not in {pk for pk, _name in departments}:
        raise NotForYou(
            _("This session is for %(departments)s.") % {"departments": ", ".join(name for _pk, name in departments)}
        )


def register(*, member: Member, session: SessionPage, now: datetime.datetime | None = None) -> RegistrationResult:
    """Give ``member`` a place, or a place on the waiting list when the session is full.

    Locks the session row, so places are counted and handed out one request at a time: the
    capacity is never exceeded and the waiting list keeps the order of arrival. Registering
    twice returns the existing registration. Refuses (409) after the deadline, for a
    cancelled session and for a full session without a waiting list; (403) outside the
    session's audience."""
    now = now or timezone.now()
    _check_audience(member, session)
    with transaction.atomic():
        locked = _lock_session(session.pk)
        existing = Registration.objects.filter(session_id=locked.pk, member=member).exclude(
            status=Registration.Status.CANCELLED
        )
        existing = existing.first()
        if existing is not None:
            return RegistrationResult(existing, created=False)
        if locked.cancelled:
            raise RegistrationClosed(_("This session has been cancelled."))
        if now >= locked.deadline:
            raise RegistrationClosed(
                _("Registration for this session closed on %(deadline)s.")
                % {"deadline": _format_local(locked.deadline, session)}
            )
        taken = Registration.objects.filter(session_id=locked.pk, status=Registration.Status.REGISTERED).count()
        if taken < locked.capacity:
            status = Registration.Status.REGISTERED
        elif locked.waiting_list:
            status = Registration.Status.WAITLISTED
        else:
            raise SessionFull(_("This session is full and has no waiting list."))
        last = Registration.objects.filter(session_id=locked.pk).aggregate(last=Max("position"))["last"] or 0
        # Stamped after the lock was granted, so the times follow the order of the line.
        registration = Registration.objects.create(
            session_id=locked.pk, member=member, status=status, position=last + 1, created_at=timezone.now()
        )
    return RegistrationResult(registration, created=True)


def cancel(*, member: Member, session: SessionPage, now: datetime.datetime | None = None) -> Registration:
    """Cancel ``member``'s registration; a freed place goes to the next on the waiting list
    in the same locked transaction. A cancelled registration stays cancelled for good."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_session(session.pk)
        registration = (
            Registration.objects.filter(session_id=locked.pk, member=member)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if registration is None:
            raise NotFound(_("You are not registered for this session."))
        if now >= locked.starts_at:
            raise WrongState(_("The session has started; you can no longer cancel."))
        had_place = registration.status == Registration.Status.REGISTERED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if had_place:
            _promote(locked, session, now)
    return registration


def fill_free_places(*, session: SessionPage, now: datetime.datetime | None = None) -> list[Registration]:
    """Promote from the waiting list into places that are free (after a capacity change)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_session(session.pk)
        return _promote(locked, session, now)


def _promote(locked: SessionPage, session: SessionPage, now: datetime.datetime) -> list[Registration]:
    """With the session locked: move the first waiting members into the free places and tell
    them. Nobody is promoted once the session has started or when it was cancelled."""
    if now >= locked.starts_at or locked.cancelled:
        return []
    taken = Registration.objects.filter(session_id=locked.pk, status=Registration.Status.REGISTERED).count()
    free = locked.capacity - taken
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(session_id=locked.pk, status=Registration.Status.WAITLISTED)
        .select_related("member")
        .order_by("position")[:free]
    )
    url = session.url or ""
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        people_services.notify(
            member=registration.member,
            kind="session_place",
            title=_("You have a place: %(session)s"),
            body=_("A place became free and it is yours. We look forward to seeing you on %(when)s."),
            params={"session": locked.title, "when": _format_local(locked.starts_at, session)},
            url=url,
            dedupe_key=f"session_promoted:{registration.pk}",
        )
    return promoted


def _format_local(value: datetime.datetime, session: SessionPage) -> str:
    from django.utils.formats import date_format

    local = value.astimezone(session.zone)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({session.zone.key})"


# --- changes and cancellation ---------------------------------------------------------------


def announce_changes(*, session: SessionPage) -> int:
    """After a publish: tell registrants (and the waiting list) once when the time, the place
    or the online link changed, or the session was cancelled; fill places a higher capacity
    freed. Returns how many members were told."""
    now = timezone.now()
    with transaction.atomic():
        _lock_session(session.pk)
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


# --- reminders ----------------------------------------------------------------------------


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Send the 24-hour and 1-hour reminders that are due. Safe to run twice: each
    reminder is claimed with a conditional update before it is sent."""
    now = now or timezone.now()
    sent = 0
    for which, (field, soonest, latest) in REMINDERS.items():
        due = Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            session__live=True,
            session__cancelled=False,
            session__starts_at__gt=now + soonest,
            session__starts_at__lte=now + latest,
            **{f"{field}__isnull": True},
        ).values_list("pk", flat=True)
        for pk in list(due):
            sent += send_reminder(registration_id=pk, which=which, now=now)
    return sent


def send_reminder(*, registration_id: int, which: str, now: datetime.datetime | None = None) -> bool:
    """Send one reminder e-mail in the member's language unless it was sent already.
    The claim is released when sending fails, so the next run tries again."""
    from .ics import session_calendar

    field = REMINDERS[which][0]
    now = now or timezone.now()
    claimed = Registration.objects.filter(
        pk=registration_id, status=Registration.Status.REGISTERED, **{f"{field}__isnull": True}
    ).update(**{field: now})
    if not claimed:
        return False
    registration = Registration.objects.select_related("member", "session").get(pk=registration_id)
    member, session = registration.member, registration.session
    try:
        with translation.override(member.language), timezone.override(session.zone):
            context = {
                "registration": registration,
                "member": member,
                "session": session,
                "which": which,
                "base_url": settings.BASE_URL,
            }
            subject = render_to_string("learning/email/session_reminder_subject.txt", context).strip()
            text = render_to_string("learning/email/session_reminder.txt", context)
            message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [member.email])
            message.attach("session.ics", session_calendar(session, show_link=True), "text/calendar")
            message.send()
    except Exception:
        Registration.objects.filter(pk=registration_id).update(**{field: None})
        raise
    return True


# --- check-in, attendance, feedback -------------------------------------------------------


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


def check_in(*, session: SessionPage, registration, by: Member, now: datetime.datetime | None = None) -> CheckInResult:
    """Record that a registered member is present (by registration id or check-in code).
    Only hosts and Masters. Once: scanning the same code again changes nothing, and the
    ``session_attended`` action is recorded with the first check-in."""
    now = now or timezone.now()
    _require_host(by, session)
    if not isinstance(registration, Registration):
        registration = _find_registration(session, registration)
    elif registration.session_id != session.pk:
        raise NotFound(_("No registration with this code for this session."))
    if registration.status != Registration.Status.REGISTERED:
        raise WrongState(
            _("%(name)s has no place in this session (%(status)s).")
            % {"name": registration.member.name, "status": registration.get_status_display()}
        )
    if now < session.starts_at - CHECK_IN_OPENS_BEFORE:
        raise WrongState(_("Check-in opens two hours before the session starts."))
    if now > session.ends_at + CHECK_IN_CLOSES_AFTER:
        raise WrongState(_("Check-in closed a day after the session."))
    with transaction.atomic():
        claimed = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
            checked_in_at=now, checked_in_by=by, attended=True
        )
        if claimed:
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


def give_feedback(
    *, session: SessionPage, member: Member, rating, comment: str = "", now: datetime.datetime | None = None
) -> SessionFeedback:
    """Rate a session 1–5 with an optional comment; giving it again replaces it. Only
    members who had a place, once the session has started."""
    now = now or timezone.now()
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise InvalidInput(_("Give a rating from 1 to 5."))
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise InvalidInput(_("Keep your comment under 2000 characters."))
    if not Registration.objects.filter(session=session, member=member, status=Registration.Status.REGISTERED).exists():
        raise NotAllowed(_("Only members who had a place can give feedback."))
    if now < session.starts_at:
        raise WrongState(_("You can give feedback once the session has started."))
    feedback, _created = SessionFeedback.objects.update_or_create(
        session=session, member=member, defaults={"rating": rating, "comment": comment, "created_at": now}
    )
    return feedback


# --- calendar feed ------------------------------------------------------------------------


def calendar_feed(*, member: Member) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(member=member)
    return feed


def revoke_calendar_feed(*, member: Member) -> CalendarFeed:
    """A new secret: the old feed address stops working at once."""
    from ..models import new_secret

    feed, created = CalendarFeed.objects.get_or_create(member=member)
    if not created:
        feed.secret = new_secret()
        feed.created_at = timezone.now()
        feed.save(update_fields=["secret", "created_at"])
    return feed


# --- LinkedIn checklist -------------------------------------------------------------------


def tick_linkedin_item(
    *, member: Member, item: LinkedInChecklistItem, done: bool, profile_url: str | None = None
) -> bool:
    """Tick (or untick) a checklist step. Ticking the last open step completes the checklist
    once: ``linkedin_profile_completed`` is recorded and the member told. Locks the
    member's row so two last ticks at once complete it once. Returns whether this call
    completed the checklist."""
    if not item.active:
        raise NotFound(_("This checklist item is not in use."))
    if profile_url is not None:
        profile_url = profile_url.strip()
        if profile_url:
            try:
                URLValidator(schemes=["https", "http"])(profile_url)
            except ValidationError:
                raise InvalidInput(_("Enter the full address of your LinkedIn profile.")) from None
            if "linkedin.com/" not in profile_url.lower():
                raise InvalidInput(_("Enter the address of your LinkedIn profile (linkedin.com/in/…)."))
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).values_list("pk", flat=True).first()
        if done:
            try:
                with transaction.atomic():
                    LinkedInChecklistTick.objects.get_or_create(member=member, item_key=item.translation_key)
            except IntegrityError:
                pass
        else:
            LinkedInChecklistTick.objects.filter(member=member, item_key=item.translation_key).delete()
        profile, _created = LinkedInProfile.objects.get_or_create(member=member)
        if profile_url is not None and profile.profile_url != profile_url:
            profile.profile_url = profile_url
            profile.save(update_fields=["profile_url"])
        required = set(
            LinkedInChecklistItem.objects.filter(active=True).values_list("translation_key", flat=True).distinct()
        )
        ticked = set(
            LinkedInChecklistTick.objects.filter(member=member, item_key__in=required).values_list(
                "item_key", flat=True
            )
        )
        if profile.completed_at is not None or not required or ticked != required:
            return False
        profile.completed_at = timezone.now()
        profile.save(update_fields=["completed_at"])
        record_action(
            member=member,
            action="linkedin_profile_completed",
            ref="linkedin-profile",
            label=str(_("LinkedIn profile in order")),
            url=reverse("learning:linkedin"),
        )
        people_services.notify(
            member=member,
            kind="linkedin_profile_completed",
            title=_("Your LinkedIn profile is in order!"),
            body=_("You finished every step of the checklist. Time to share your first story."),
            url=reverse("learning:linkedin"),
            dedupe_key="linkedin_profile_completed",
        )
        return True


# --- meetups --------------------------------------------------------------------------------


def _require_meetup(session: SessionPage) -> None:
    if session.kind != SessionKind.MEETUP:
        raise WrongState(_("Action items belong to meetups."))


def add_action_item(
    *, meetup: SessionPage, by: Member, owner: Member, what: str, due_on: datetime.date | None = None
) -> ActionItem:
    """A host (or Master) records who does what by when, during the meetup."""
    _require_host(by, meetup)
    _require_meetup(meetup)
    what = (what or "").strip()
    if not what:
        raise InvalidInput(_("Say what needs to be done."))
    if len(what) > 300:
        raise InvalidInput(_("Keep an action item under 300 characters."))
    return ActionItem.objects.create(meetup=meetup, owner=owner, what=what, due_on=due_on, created_by=by)


def evaluate_action_item(*, item: ActionItem, at_meetup: SessionPage, by: Member, outcome: str) -> ActionItem:
    """At the next meetup: the previous meetup's open item is done, not done, or carried
    over (then it stays open as a new item of this meetup). Evaluated once."""
    _require_host(by, at_meetup)
    if outcome not in {ActionItem.Status.DONE, ActionItem.Status.NOT_DONE, ActionItem.Status.CARRIED_OVER}:
        raise InvalidInput(_("Choose done, not done or carried over."))
    with transaction.atomic():
        locked = ActionItem.objects.select_for_update().get(pk=item.pk)
        if locked.status != ActionItem.Status.OPEN:
            raise WrongState(_("This action item was already evaluated."))
        locked.status = outcome
        locked.evaluated_at = timezone.now()
        locked.evaluated_in = at_meetup
        locked.save(update_fields=["status", "evaluated_at", "evaluated_in"])
        if outcome == ActionItem.Status.CARRIED_OVER:
            ActionItem.objects.create(
                meetup=at_meetup,
                owner_id=locked.owner_id,
                what=locked.what,
                due_on=None,
                created_by=by,
                carried_from=locked,
            )
    return locked


def add_collected_story(*, meetup: SessionPage, by: Member, summary: str, member: Member | None = None):
    _require_host(by, meetup)
    _require_meetup(meetup)
    summary = (summary or "").strip()
    if not summary:
        raise InvalidInput(_("Write down the story in a sentence or two."))
    return CollectedStory.objects.create(meetup=meetup, member=member, summary=summary[:2000], created_by=by)


# --- content calendar -----------------------------------------------------------------------


def add_dutch_holidays(*, years) -> int:
    """Add the Dutch holidays of ``years`` to the content calendar, computed from their rules.
    Idempotent (each holiday has a key); returns how many were added."""
    added = 0
    for year in years:
        for holiday in holidays.dutch_holidays(year):
            _entry, created = CalendarEntry.objects.get_or_create(
                source_key=f"nl-holiday:{holiday.key}:{holiday.date.isoformat()}",
                defaults={
                    "title": holiday.name_nl,
                    "title_en": holiday.name_en,
                    "kind": holiday.kind,
                    "starts_on": holiday.date,
                    "suggested_angle": holiday.angle,
                },
            )
            added += created
    return added


def mark_turned_into_challenge(*, entry: CalendarEntry, challenge_id: int) -> None:
    CalendarEntry.objects.filter(pk=entry.pk).update(challenge_id=challenge_id)
