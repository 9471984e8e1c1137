"""Moderation: reports, decisions on posts (approve, hide, restore, edit, delete), locking
threads and muting or suspending a member for a time. Every decision is logged in
``ModerationDecision`` with who and why, and the author is told."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput
from core.locking import lock
from core.queue import enqueue
from people.models import Member

from .. import policies, sanitise
from ..models import (
    ModerationAction,
    ModerationDecision,
    Post,
    PostImage,
    PostStatus,
    Report,
    Sanction,
    SanctionKind,
    Space,
    Thread,
)
from . import images as post_images
from . import posting, telling

# What each action may start from, and where it leads.
TRANSITIONS = {
    ModerationAction.APPROVE: ({PostStatus.PENDING}, PostStatus.PUBLISHED),
    ModerationAction.HIDE: ({PostStatus.PUBLISHED, PostStatus.PENDING}, PostStatus.HIDDEN),
    ModerationAction.RESTORE: ({PostStatus.HIDDEN, PostStatus.DELETED}, PostStatus.PUBLISHED),
    ModerationAction.DELETE: ({PostStatus.PUBLISHED, PostStatus.PENDING, PostStatus.HIDDEN}, PostStatus.DELETED),
    ModerationAction.EDIT: (set(PostStatus), None),
}


def report_post(*, member: Member, post: Post, reason: str, now: datetime.datetime | None = None) -> Report:
    """``member`` reports ``post`` with a reason; one open report per member and post (a
    second one returns the first). Locks nothing (a unique constraint decides). Returns the
    report. Raises ``NotFound`` (unseen post), ``InvalidInput`` (no reason, own post)."""
    policies.check_see_post(member, post)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Say why you report this post."), code="empty_reason")
    if post.author_id == member.pk:
        raise InvalidInput(_("You cannot report your own post."), code="own_post")
    existing = Report.objects.filter(post=post, reporter=member, resolved_at__isnull=True).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Report.objects.create(
                post=post, reporter=member, reason=reason[:500], created_at=now or timezone.now()
            )
    except IntegrityError:
        return Report.objects.get(post=post, reporter=member, resolved_at__isnull=True)


def moderate_post(
    *,
    moderator: Member,
    post: Post,
    action: str,
    reason: str = "",
    body: str | None = None,
    now: datetime.datetime | None = None,
) -> Post:
    """Carry out ``action`` on ``post``: approve (a held post), hide, restore, delete, or
    edit (``body`` is the new text; ``reason`` the note). Resolves the post's open reports,
    logs the decision, tells the author, and retrains the spam model after commit. Delete
    also removes the post's images (rows now, files after commit): a restore brings back
    the text only.

    Locks the post. Returns the post as it is now. Raises ``NotAllowed`` (not a moderator
    of its space), ``InvalidInput`` (unknown action, no text for an edit), ``Conflict``
    (the post is not in a state the action applies to: approving twice is one approval)."""
    now = now or timezone.now()
    policies.check_moderate(moderator, post.thread.space)
    if action not in TRANSITIONS:
        raise InvalidInput(_("Unknown moderation action."), code="invalid_action")
    reason = (reason or "").strip()[:500]
    with transaction.atomic():
        lock(post)
        post.refresh_from_db(fields=["status", "body", "html"])
        allowed, target = TRANSITIONS[action]
        if post.status not in allowed:
            raise Conflict(_("This post was already dealt with."), code="already_moderated")
        text_before = post.body
        fields = ["status"]
        if action == ModerationAction.EDIT:
            new_body = (body or "").strip()
            if not new_body:
                raise InvalidInput(_("The edited text is empty."), code="empty_post")
            post.body, post.html, post.edited_at = new_body, sanitise.render(new_body), now
            fields = ["body", "html", "edited_at"]
        else:
            post.status = target
        post.save(update_fields=fields)
        if action == ModerationAction.DELETE:
            post_images.remove(PostImage.objects.filter(post=post))
        Report.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=now)
        ModerationDecision.objects.create(
            action=action,
            moderator=moderator,
            post=post,
            thread=post.thread,
            member=post.author,
            reason=reason,
            text=text_before,
            created_at=now,
        )
        if action in (ModerationAction.APPROVE, ModerationAction.RESTORE) and post.status == PostStatus.PUBLISHED:
            posting.published(post)
        telling.tell_decision(post, action, reason)
        if action != ModerationAction.EDIT:
            enqueue("community.tasks.retrain_spam_model", robust=True)
    return post


def set_thread_lock(*, moderator: Member, thread: Thread, locked: bool, reason: str = "") -> Thread:
    """Lock (or unlock) ``thread``: only moderators post in a locked thread. Locks the
    thread row; logs the decision. Returns the thread. Raises ``NotAllowed``."""
    policies.check_moderate(moderator, thread.space)
    with transaction.atomic():
        lock(thread)
        updated = Thread.objects.filter(pk=thread.pk).exclude(locked=locked).update(locked=locked)
        thread.locked = locked
        if updated:
            ModerationDecision.objects.create(
                action=ModerationAction.LOCK if locked else ModerationAction.UNLOCK,
                moderator=moderator,
                thread=thread,
                reason=(reason or "")[:500],
            )
    return thread


def sanction_member(
    *,
    moderator: Member,
    member: Member,
    kind: str,
    days: int,
    reason: str,
    space: Space,
    now: datetime.datetime | None = None,
) -> Sanction:
    """Mute (may read, not post) or suspend (may not read either) ``member`` for ``days``,
    decided by a moderator of ``space`` where they misbehaved. Locks the member row (two
    moderators at once give one sanction each, both logged). Returns the sanction. Raises
    ``NotAllowed`` (not a moderator; a Master cannot be sanctioned), ``InvalidInput``
    (unknown kind, days outside 1–365, no reason)."""
    now = now or timezone.now()
    policies.check_moderate(moderator, space)
    if kind not in SanctionKind.values:
        raise InvalidInput(_("Unknown sanction."), code="invalid_sanction")
    if not 1 <= int(days) <= 365:
        raise InvalidInput(_("Choose between 1 and 365 days."), code="invalid_days")
    if not (reason or "").strip():
        raise InvalidInput(_("Say why."), code="empty_reason")
    if member.is_master or member.pk == moderator.pk:
        raise InvalidInput(_("This member cannot be sanctioned here."), code="cannot_sanction")
    until = now + datetime.timedelta(days=int(days))
    with transaction.atomic():
        lock(member)
        sanction = Sanction.objects.create(
            member=member, kind=kind, until=until, reason=reason.strip()[:500], by=moderator, created_at=now
        )
        ModerationDecision.objects.create(
            action=ModerationAction.MUTE if kind == SanctionKind.MUTE else ModerationAction.SUSPEND,
            moderator=moderator,
            member=member,
            reason=reason.strip()[:500],
            created_at=now,
        )
        telling.tell_sanction(member, kind, until, reason.strip())
    return sanction
