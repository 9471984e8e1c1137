"""Every state change on members and their notifications."""

import datetime
import logging
from collections.abc import Mapping
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.batching import Batcher

from . import selectors
from .models import ROLE_RANK, Member, Notification, Role
from .roles import ALL_ROLE_GROUPS, groups_for

logger = logging.getLogger(__name__)


def notification_group(member_id: int) -> str:
    return f"notifications-{member_id}"


# --- roles ----------------------------------------------------------------------------


@transaction.atomic
def set_role(*, member: Member, role: str, is_hr: bool | None = None, by: Member | None = None) -> Member:
    """Give ``member`` a role (and optionally the HR flag) and the groups that go with it.
    A change made by a person (``by``) goes into the audit log."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    changed = member.role != role
    hr_changed = is_hr is not None and is_hr != member.is_hr
    member.role = role
    if is_hr is not None:
        member.is_hr = is_hr
    if changed:
        member.role_changed_at = timezone.now()
    member.save(update_fields=["role", "is_hr", "role_changed_at"])
    sync_groups(member=member)
    if by is not None and (changed or hr_changed):
        from . import audit
        from .models import AuditAction

        audit.record(actor=by, action=AuditAction.ROLE_CHANGED, target=member, role=role, is_hr=member.is_hr)
    return member


def sync_groups(*, member: Member) -> None:
    """Put the member in exactly the role groups their role and HR flag call for;
    groups outside the role scheme are left alone."""
    wanted = set(groups_for(role=member.role, is_hr=member.is_hr))
    role_groups = Group.objects.filter(name__in=ALL_ROLE_GROUPS)
    member.groups.remove(*[g for g in role_groups if g.name not in wanted])
    member.groups.add(*[g for g in role_groups if g.name in wanted])


def promote(*, member: Member, to_role: str) -> bool:
    """Move ``member`` up to ``to_role`` unless they already hold that role or a higher one.

    Locks the member row so that two promotions at the same moment (two courses finishing
    a path in parallel requests) promote and notify once. Returns whether anything changed.
    """
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if ROLE_RANK[Role(locked.role)] >= ROLE_RANK[Role(to_role)]:
            return False
        set_role(member=locked, role=to_role)
    member.refresh_from_db(fields=["role", "role_changed_at"])
    return True


# --- preferences ----------------------------------------------------------------------


def set_language(*, member: Member, language: str) -> None:
    """Store the member's language and make the Wagtail admin speak it too."""
    from wagtail.users.models import UserProfile

    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language {language!r}")
    member.language = language
    member.save(update_fields=["language"])
    profile = UserProfile.get_for_user(member)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


# --- notifications --------------------------------------------------------------------


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
    morning = datetime.datetime.combine(candidate, datetime.time(first), tzinfo=local.tzinfo)
    return morning


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
    """
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


def push_unread_count(*, member_id: int) -> None:
    """Tell the member's open pages their unread count (soon, with other pushes)."""
    _pushes.add((member_id, None, None))


def _push(items: list[tuple[int, dict | None, int | None]]) -> None:
    """A batch of notification pushes: one unread-count query and one event loop for all of
    them; each new notification keeps its own push (its toast), a member with only a changed
    count gets one. Then the e-mails that are due now (one task each: each is claimed once)."""
    layer = get_channel_layer()
    if layer is not None and items:
        counts = selectors.unread_counts(member_ids=sorted({member_id for member_id, _l, _e in items}))
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
    if emails:
        from .tasks import send_notification_email

        for notification_id in emails:
            send_notification_email.delay(notification_id)


async def _send_all(layer, messages: list[tuple[str, dict]]) -> None:
    for group, message in messages:
        await layer.group_send(group, message)


_pushes = Batcher("notification-pushes", _push)


def mark_read(*, member: Member, notification_ids: list[int] | None = None) -> int:
    """Mark some (or all) of the member's notifications read; returns how many changed."""
    qs = Notification.objects.filter(member=member, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    changed = qs.update(read_at=timezone.now())
    if changed:
        member_id = member.pk
        transaction.on_commit(lambda: push_unread_count(member_id=member_id))
    return changed


def send_notification_email(*, notification_id: int) -> bool:
    """Send one notification e-mail if it is due and not sent yet.

    The claim is a single conditional UPDATE, so a task that runs twice (retry, late ack,
    the sweep and the immediate task racing) sends once. If sending fails the claim is
    released so the next sweep tries again. Returns whether this call sent it.
    """
    now = timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, emailed_at__isnull=True, email_due_at__isnull=False, email_due_at__lte=now
    ).update(emailed_at=now)
    if not claimed:
        return False
    notification = Notification.objects.select_related("member").get(pk=notification_id)
    member = notification.member
    try:
        with translation.override(member.language):
            context = {"notification": notification, "member": member, "base_url": settings.BASE_URL}
            text = render_to_string("people/email/notification.txt", context)
            send_mail(notification.title, text, settings.DEFAULT_FROM_EMAIL, [member.email])
    except Exception:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


def send_due_notification_emails(*, limit: int = 500) -> int:
    now = timezone.now()
    due_ids = list(
        Notification.objects.filter(emailed_at__isnull=True, email_due_at__lte=now)
        .order_by("email_due_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in due_ids if send_notification_email(notification_id=pk))
