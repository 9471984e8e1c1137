"""Telling members things: the in-app notification, its live push and its e-mail (now, or
at the next working morning)."""

import datetime
import logging
from collections.abc import Mapping
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import branding
from core.batching import Batcher
from core.queue import enqueue

from ..models import Member, Notification
from ..selectors.notifications import unread_counts

logger = logging.getLogger(__name__)

# E-mails due at once are sent by one task per this many, each over one mail connection: a
# sweep's badge news for thousands of members is tens of Celery messages, not thousands.
EMAILS_PER_TASK = 100


def notification_group(member_id: int) -> str:
    """The channel-layer group of the member's open pages (``people.consumers``)."""
    return f"notifications-{member_id}"


def next_email_time(*, member: Member, now: datetime.datetime) -> datetime.datetime:
    """When an e-mail to ``member`` may go out: now, or the next working morning when it is
    evening or weekend and the member did not opt in to e-mail outside office hours."""
    if member.email_outside_office_hours:
        return now
    first, last = settings.NOTIFICATION_EMAIL_HOURS
    local = timezone.localtime(now)
    if local.weekday() < 5 and first <= local.hour < last:
        return now
    day = local.date()
    if local.weekday() < 5 and local.hour < first:
        candidate = day
    else:
        candidate = day + datetime.timedelta(days=1)
    while candidate.weekday() >= 5:
        candidate += datetime.timedelta(days=1)
    return datetime.datetime.combine(candidate, datetime.time(first), tzinfo=local.tzinfo)


def _render(text: Any, params: Mapping[str, Any] | None) -> str:
    rendered = str(text)
    if params:
        rendered = rendered % {key: str(value) for key, value in params.items()}
    return rendered


def notify(
    *,
    member: Member,
    kind: str,
    title: Any,
    body: Any = "",
    url: str = "",
    params: Mapping[str, Any] | None = None,
    dedupe_key: str | None = None,
    email: bool = True,
) -> Notification:
    """Tell ``member`` something, in their language: an in-app notification, a live push
    and, if they want e-mail, an e-mail now or at the next working morning.

    ``title`` and ``body`` are (lazy) translatable strings with ``%(name)s`` placeholders
    filled from ``params``; they are rendered in the member's language. With a
    ``dedupe_key`` the same news reaches a member once, however often it is announced.

    Locks nothing: the unique (member, dedupe_key) constraint catches a concurrent twin.
    Returns the notification (the earlier one for a repeated ``dedupe_key``). The push and
    an e-mail due now go out after commit. Raises nothing of its own."""
    now = timezone.now()
    with translation.override(member.language):
        title_text = _render(title, params)[:200]
        body_text = _render(body, params) if body else ""
    due = next_email_time(member=member, now=now) if (email and member.email_notifications) else None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                member=member,
                kind=kind,
                title=title_text,
                body=body_text,
                url=url,
                created_at=now,
                email_due_at=due,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        return Notification.objects.get(member=member, dedupe_key=dedupe_key)

    latest = {"id": notification.pk, "title": notification.title, "url": notification.url, "kind": notification.kind}
    email_now = due is not None and due <= now
    member_id, notification_id = member.pk, notification.pk
    transaction.on_commit(lambda: _pushes.add((member_id, latest, notification_id if email_now else None)))
    return notification


# The member fields ``notify`` and ``notify_many`` read besides the id (language, whether and
# when to e-mail): a caller that loads thousands of members loads only these.
RECIPIENT_FIELDS = ("language", "email_notifications", "email_outside_office_hours")


def notify_many(
    *,
    members: list[tuple[Member, str]],
    kind: str,
    title: Any,
    body: Any = "",
    params: Mapping[str, Any] | None = None,
    dedupe_key: str,
    email: bool = True,
) -> int:
    """``notify`` for many members at once (a sweep's badge), each ``(member, url)``: the
    texts rendered once per language, one insert and one read-back for all. Locks nothing:
    the unique (member, dedupe_key) constraint skips members who had this news already.
    Returns how many notifications are new; their pushes and e-mails due now go out after
    commit, as ``notify``'s do, in batches (a few e-mail tasks, not one per member). Raises
    nothing of its own."""
    if not members:
        return 0
    now = timezone.now()
    texts: dict[str, tuple[str, str]] = {}
    rows = []
    for member, url in members:
        if member.language not in texts:
            with translation.override(member.language):
                texts[member.language] = (_render(title, params)[:200], _render(body, params) if body else "")
        title_text, body_text = texts[member.language]
        due = next_email_time(member=member, now=now) if (email and member.email_notifications) else None
        rows.append(
            Notification(
                member=member,
                kind=kind,
                title=title_text,
                body=body_text,
                url=url,
                created_at=now,
                email_due_at=due,
                dedupe_key=dedupe_key,
            )
        )
    Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    created = Notification.objects.filter(
        dedupe_key=dedupe_key, created_at=now, kind=kind, member_id__in=[m.pk for m, _url in members]
    ).values_list("pk", "member_id", "title", "url", "email_due_at")
    items = [
        (
            member_id,
            {"id": pk, "title": title_text, "url": url, "kind": kind},
            pk if due is not None and due <= now else None,
        )
        for pk, member_id, title_text, url, due in created
    ]
    transaction.on_commit(lambda: _pushes.add_many(items))
    return len(items)


def push_unread_count(*, member_id: int) -> None:
    """Tell the member's open pages their unread count (soon, with other pushes).
    Locks nothing; returns nothing."""
    _pushes.add((member_id, None, None))


def _push(items: list[tuple[int, dict | None, int | None]]) -> None:
    """A batch of notification pushes: one unread-count query and one event loop for all of
    them; each new notification keeps its own push (its toast), a member with only a changed
    count gets one. Then the e-mails that are due now, ``EMAILS_PER_TASK`` to a task (each
    e-mail is claimed once). A task that cannot be sent is logged: its e-mails stay due, and
    the periodic ``send_due_notification_emails`` sends them."""
    layer = get_channel_layer()
    if layer is not None and items:
        counts = unread_counts(member_ids=sorted({member_id for member_id, _l, _e in items}))
        news = {member_id for member_id, latest, _e in items if latest is not None}
        messages, counted = [], set()
        for member_id, latest, _email in items:
            message = {"type": "notification.update", "unread": counts.get(member_id, 0)}
            if latest is not None:
                messages.append((notification_group(member_id), {**message, "latest": latest}))
            elif member_id not in news and member_id not in counted:
                counted.add(member_id)
                messages.append((notification_group(member_id), message))
        try:
            async_to_sync(_send_all)(layer, messages)
        except Exception:  # a live push is a courtesy: the in-app list already has it
            logger.warning("Could not push notifications to %s members", len(messages), exc_info=True)
    emails = [email for _member, _latest, email in items if email is not None]
    for start in range(0, len(emails), EMAILS_PER_TASK):
        enqueue("people.tasks.send_notification_emails", emails[start : start + EMAILS_PER_TASK], robust=True)


async def _send_all(layer, messages: list[tuple[str, dict]]) -> None:
    for group, message in messages:
        await layer.group_send(group, message)


_pushes = Batcher("notification-pushes", _push)


def mark_read(*, member: Member, notification_ids: list[int] | None = None) -> int:
    """Mark some (or all) of the member's notifications read; other members' ids are
    ignored. Locks nothing (one UPDATE). Returns how many changed; their pages get the new
    count after commit."""
    qs = Notification.objects.filter(member=member, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    changed = qs.update(read_at=timezone.now())
    if changed:
        member_id = member.pk
        transaction.on_commit(lambda: push_unread_count(member_id=member_id))
    return changed


def send_notification_email(*, notification_id: int) -> bool:
    """Send one notification e-mail if it is due and not sent yet (see
    ``send_notification_emails``). Returns whether this call sent it."""
    return send_notification_emails(notification_ids=[notification_id]) == 1


def send_notification_emails(*, notification_ids: list[int]) -> int:
    """Send those of ``notification_ids`` whose e-mail is due and not sent yet, each in its
    member's language, over one mail connection.

    Locks nothing: each e-mail is claimed by a single conditional UPDATE just before it is
    sent, so a task that runs twice (retry, late ack, the sweep and the immediate task
    racing) sends each once, and a worker that dies loses at most the one it was sending.
    If sending fails, that claim is released for the next sweep and the error is raised (the
    ones not reached yet stay due). Returns how many this call sent."""
    now = timezone.now()
    due = list(
        Notification.objects.filter(
            pk__in=notification_ids, emailed_at__isnull=True, email_due_at__isnull=False, email_due_at__lte=now
        )
        .select_related("member")
        .order_by("pk")
    )
    if not due:
        return 0
    sent = 0
    organisation = branding.current()
    with get_connection() as connection:
        for notification in due:
            claimed = Notification.objects.filter(
                pk=notification.pk, emailed_at__isnull=True, email_due_at__lte=now
            ).update(emailed_at=now)
            if not claimed:
                continue
            try:
                _send_email(notification, organisation, connection)
            except Exception:
                Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
                raise
            sent += 1
    return sent


def _send_email(notification: Notification, organisation: branding.Branding, connection) -> None:
    member = notification.member
    with translation.override(member.language):
        context = {
            "notification": notification,
            "member": member,
            "base_url": settings.BASE_URL,
            "branding": organisation,
        }
        text = render_to_string("people/email/notification.txt", context)
        html = render_to_string("people/email/notification.html", context)
        send_mail(
            notification.title,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [member.email],
            html_message=html,
            connection=connection,
        )


def send_due_notification_emails(*, limit: int = 500) -> int:
    """Send up to ``limit`` e-mails whose time has come (the periodic sweep), each claimed
    as ``send_notification_emails`` does. Returns how many this call sent."""
    now = timezone.now()
    due_ids = list(
        Notification.objects.filter(emailed_at__isnull=True, email_due_at__lte=now)
        .order_by("email_due_at")
        .values_list("pk", flat=True)[:limit]
    )
    return send_notification_emails(notification_ids=due_ids)
