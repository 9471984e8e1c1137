"""The reminder e-mails: a day before and an hour before, in the member's language, as text
and as HTML in the organisation's branding (the shared layout of ``people``'s e-mails),
with the session as an ``.ics`` attachment."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import branding

from ..ics import session_calendar
from ..models import Registration

REMINDERS = {
    # which: (field, starts no sooner than, starts no later than) from now
    "24h": ("reminded_24h_at", datetime.timedelta(hours=1), datetime.timedelta(hours=24)),
    "1h": ("reminded_1h_at", datetime.timedelta(0), datetime.timedelta(hours=1)),
}


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Send the 24-hour and 1-hour reminders that are due (live sessions that are not
    cancelled, members with a place).

    Locks nothing: each reminder is claimed with a conditional update before it is sent, so
    two runs at once send it once. Returns how many were sent; raises what sending raises."""
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
    """Send one reminder e-mail (``which``: "24h" or "1h") unless it was sent already: text
    and branded HTML in the member's language, the session as ``.ics``.

    Claims it with a conditional update (no lock); the claim is released when sending
    fails, so the next run tries again. Returns whether this call sent it; raises what
    sending raises."""
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
                "branding": branding.current(),
            }
            subject = render_to_string("events/email/session_reminder_subject.txt", context).strip()
            text = render_to_string("events/email/session_reminder.txt", context)
            html = render_to_string("events/email/session_reminder.html", context)
            message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [member.email])
            message.attach_alternative(html, "text/html")
            message.attach("session.ics", session_calendar(session, show_link=True), "text/calendar")
            message.send()
    except Exception:
        Registration.objects.filter(pk=registration_id).update(**{field: None})
        raise
    return True
