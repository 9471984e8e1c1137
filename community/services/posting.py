"""Posting: new threads, posts (with up to four images), replies and quotes, reactions,
accepted answers and follows.

A post's images are checked and re-encoded (``images.clean``) before anything is stored;
when the post then fails (a refusal, a database error), the files already stored for it
are deleted again."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput, NotAllowed
from core.locking import lock
from gamification.services.points import record_action
from people.models import Member

from .. import policies, sanitise
from ..models import Post, PostStatus, Reaction, Space, Thread, ThreadFollow
from . import guard, spam_model, telling
from . import images as post_images

MAX_BODY = 20_000


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Write something first."), code="empty_post")
    if len(body) > MAX_BODY:
        raise InvalidInput(_("This post is too long."), code="post_too_long")
    return body


def _new_post(
    *,
    member: Member,
    thread: Thread,
    body: str,
    reply_to: Post | None,
    now: datetime.datetime,
    honeypot: str,
    cleaned_images: list,
    stored: list[str],
) -> Post:
    """Checks the defences, stores the post with the status they give and its (already
    cleaned) images, and sets off points, notifications and the live push after commit
    (only for a published post). Stored file names are added to ``stored``."""
    guard.check_honeypot(honeypot)
    body = _clean_body(body)
    fingerprint = sanitise.fingerprint(body)
    guard.check_duplicate(member=member, fingerprint=fingerprint, now=now)
    guard.check_rate(member=member, now=now)
    verdict = guard.judge(
        member=member,
        body=body,
        trusted=policies.can_moderate_space(member, thread.space),
        model=spam_model.current_model(),
    )
    post = Post.objects.create(
        thread=thread,
        author=member,
        reply_to=reply_to,
        body=body,
        html=sanitise.render(body),
        status=verdict.status,
        held_reason=verdict.held_reason,
        spam_score=verdict.score,
        fingerprint=fingerprint,
        created_at=now,
    )
    post_images.store(post, cleaned_images, stored)
    if post.status == PostStatus.PUBLISHED:
        published(post)
    return post


def published(post: Post) -> None:
    """What follows when a post becomes visible (at once, or when a moderator approves it):
    the thread's last activity, points, notifications and the live push."""
    Thread.objects.filter(pk=post.thread_id, last_post_at__lt=post.created_at).update(last_post_at=post.created_at)
    if post.author is not None:
        record_action(
            member=post.author,
            action="community_post",
            ref=f"community-post:{post.pk}",
            label=post.thread.title,
            url=telling.post_url(post),
        )
    telling.tell_about_post(post)
    telling.push_post(post)


def create_thread(
    *,
    member: Member,
    space: Space,
    title: str,
    body: str,
    is_question: bool = False,
    images=(),
    honeypot: str = "",
    now: datetime.datetime | None = None,
) -> tuple[Thread, Post]:
    """Start a thread in ``space`` with its first post (and up to four ``images``, uploaded
    files); the author follows it.

    Locks nothing (a new row). Returns ``(thread, first_post)``; the post may be pending
    (the spam defence, ``guard``), and its images with it. Raises ``NotFound``/``NotAllowed``
    (policies), ``InvalidInput`` (empty title or text, honeypot), ``InvalidUpload`` (an
    image refused, or too many: nothing is stored), ``Conflict`` (duplicate),
    ``RateLimited`` (429)."""
    now = now or timezone.now()
    policies.check_post_in_space(member, space)
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Give the thread a title."), code="empty_title")
    guard.check_honeypot(honeypot)
    _clean_body(body)
    cleaned = post_images.clean(images)
    with post_images.kept_only_on_success() as stored, transaction.atomic():
        thread = Thread.objects.create(
            space=space, title=title[:200], author=member, is_question=is_question, created_at=now, last_post_at=now
        )
        thread.space = space
        post = _new_post(
            member=member,
            thread=thread,
            body=body,
            reply_to=None,
            now=now,
            honeypot=honeypot,
            cleaned_images=cleaned,
            stored=stored,
        )
        ThreadFollow.objects.get_or_create(thread=thread, member=member)
    return thread, post


def create_post(
    *,
    member: Member,
    thread: Thread,
    body: str,
    reply_to: Post | None = None,
    quote: bool = False,
    images=(),
    honeypot: str = "",
    now: datetime.datetime | None = None,
) -> Post:
    """Post in ``thread`` (with up to four ``images``, uploaded files), optionally as a
    reply to ``reply_to`` (``quote=True`` puts the quoted text first).

    Locks the thread (so a lock by a moderator and a post do not cross). Returns the post
    (published or pending; a pending post's images are seen only by its author and the
    moderators). Raises ``NotFound``/``NotAllowed`` (policies, a locked thread),
    ``InvalidInput`` (empty, too long, honeypot, a ``reply_to`` in another thread),
    ``InvalidUpload`` (an image refused, or too many: nothing is stored), ``Conflict``
    (duplicate), ``RateLimited`` (429)."""
    now = now or timezone.now()
    if reply_to is not None and (reply_to.thread_id != thread.pk or not policies.can_see_post(member, reply_to)):
        raise InvalidInput(_("You can only reply to a post in this thread."), code="invalid_reply_to")
    if quote and reply_to is not None:
        body = sanitise.quote(author_name=telling._name(reply_to.author), body=reply_to.body) + (body or "")
    policies.check_reply(member, thread)
    guard.check_honeypot(honeypot)
    _clean_body(body)
    cleaned = post_images.clean(images)
    with post_images.kept_only_on_success() as stored, transaction.atomic():
        lock(thread)
        thread.refresh_from_db(fields=["locked"])
        policies.check_reply(member, thread)
        post = _new_post(
            member=member,
            thread=thread,
            body=body,
            reply_to=reply_to,
            now=now,
            honeypot=honeypot,
            cleaned_images=cleaned,
            stored=stored,
        )
        ThreadFollow.objects.get_or_create(thread=thread, member=member)
    return post


def react(*, member: Member, post: Post, emoji: str) -> tuple[Reaction, bool]:
    """Add ``emoji`` from ``member`` to ``post``, once (a second time returns the first).

    Locks nothing (a unique constraint decides). Returns ``(reaction, created)``. Raises
    ``NotFound`` (a post they may not see), ``InvalidInput`` (an emoji not offered)."""
    policies.check_see_post(member, post)
    if emoji not in Reaction.EMOJI:
        raise InvalidInput(_("Choose one of the offered reactions."), code="invalid_emoji")
    if post.status != PostStatus.PUBLISHED:
        raise InvalidInput(_("You can react once the post is published."), code="post_not_published")
    try:
        with transaction.atomic():
            return Reaction.objects.get_or_create(post=post, member=member, emoji=emoji)
    except IntegrityError:
        return Reaction.objects.get(post=post, member=member, emoji=emoji), False


def accept_answer(*, member: Member, post: Post) -> Thread:
    """Mark ``post`` as the accepted answer of its question thread; its author earns
    ``community_answer_accepted`` once and is told.

    Locks the thread. Returns the thread. Raises ``NotFound`` (unseen post),
    ``NotAllowed`` (not the asker or a moderator, not a question), ``InvalidInput`` (not
    published, or the question's own first post by its author)."""
    thread = post.thread
    policies.check_see_post(member, post)
    if not policies.can_accept_answer(member, thread):
        raise NotAllowed(_("Only the person who asked, or a moderator, accepts an answer."), code="not_asker")
    if post.status != PostStatus.PUBLISHED:
        raise InvalidInput(_("Only a published post can be the answer."), code="post_not_published")
    if post.author_id == thread.author_id:
        raise InvalidInput(_("Choose someone else's answer."), code="own_answer")
    with transaction.atomic():
        lock(thread)
        thread.refresh_from_db(fields=["accepted_post"])
        if thread.accepted_post_id == post.pk:
            return thread
        thread.accepted_post = post
        thread.save(update_fields=["accepted_post"])
        if post.author is not None:
            record_action(
                member=post.author,
                action="community_answer_accepted",
                ref=f"community-answer:{thread.pk}",
                label=thread.title,
                url=telling.post_url(post),
            )
            telling.tell_accepted(post)
    return thread


def follow_thread(*, member: Member, thread: Thread, follow: bool = True) -> bool:
    """Follow (or stop following) ``thread``; idempotent. Locks nothing. Returns whether the
    member follows it now. Raises ``NotFound`` for a thread in a space they may not read."""
    policies.check_read_space(member, thread.space)
    if follow:
        ThreadFollow.objects.get_or_create(thread=thread, member=member)
    else:
        ThreadFollow.objects.filter(thread=thread, member=member).delete()
    return follow
