"""Telling people: notifications for replies, mentions, accepted answers and moderation
decisions (``people.services.notifications.notify``, which renders them in the member's
language and keeps e-mail to their office hours), and the live push of a new post to the
thread's open pages (``ws/community/threads/<id>/``), after commit."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Member
from people.services.notifications import notify, notify_many

from .. import sanitise, selectors
from ..models import Post, PostStatus


def thread_group(thread_id: int) -> str:
    return f"community-thread-{thread_id}"


def _name(member: Member | None) -> str:
    if member is None:
        return str(_("a former member"))
    return member.display_name or member.get_full_name() or member.email.split("@")[0]


def image_alt(post: Post) -> str:
    """The alternative text of a post's images: whose post they belong to."""
    name = (post.author.display_name or post.author.get_full_name()) if post.author else ""
    if name:
        return str(_("Image with the post by %(name)s") % {"name": name})
    return str(_("Image with the post"))


def post_url(post: Post) -> str:
    return reverse("community:thread", args=[post.thread_id]) + f"#post-{post.pk}"


def push_post(post: Post) -> None:
    """Send a published post to the thread's open pages once the transaction commits."""
    if post.status != PostStatus.PUBLISHED:
        return
    message = {
        "type": "post.created",
        "id": post.pk,
        "thread": post.thread_id,
        "author": _name(post.author),
        "html": post.html,
        # Relative URLs: the image view checks each reader again (they read the space).
        "images": [
            {"url": image.image.url, "width": image.width, "height": image.height, "alt": image_alt(post)}
            for image in post.images.all()
        ],
        "created_at": post.created_at.isoformat(),
    }
    group = thread_group(post.thread_id)

    def send():
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(group, message)

    transaction.on_commit(send, robust=True)


def tell_about_post(post: Post) -> None:
    """A published post: tell the author replied to, those mentioned and the thread's
    followers (each once per post; never the author themself)."""
    if post.status != PostStatus.PUBLISHED or post.author is None:
        return
    author = post.author
    told: set[int] = {author.pk}
    url = post_url(post)
    params = {"name": _name(author), "thread": post.thread.title}
    reply_author = post.reply_to.author if post.reply_to_id and post.reply_to else None
    if reply_author is not None and reply_author.pk not in told:
        told.add(reply_author.pk)
        notify(
            member=reply_author,
            kind="community_reply",
            title=_("%(name)s replied to you in “%(thread)s”"),
            url=url,
            params=params,
            dedupe_key=f"community-reply-{post.pk}",
        )
    for mentioned in selectors.members_by_handles(handles=sanitise.mentions(post.body)):
        if mentioned.pk in told:
            continue
        told.add(mentioned.pk)
        notify(
            member=mentioned,
            kind="community_mention",
            title=_("%(name)s mentioned you in “%(thread)s”"),
            url=url,
            params=params,
            dedupe_key=f"community-mention-{post.pk}",
        )
    # A popular thread's followers at once: one insert for all, not a notification each.
    notify_many(
        members=[(follower, url) for follower in selectors.followers(thread=post.thread) if follower.pk not in told],
        kind="community_reply",
        title=_("New post by %(name)s in “%(thread)s”"),
        params=params,
        dedupe_key=f"community-follow-{post.pk}",
        email=False,
    )


def tell_accepted(post: Post) -> None:
    if post.author is None:
        return
    notify(
        member=post.author,
        kind="community_accepted",
        title=_("Your answer in “%(thread)s” was accepted"),
        url=post_url(post),
        params={"thread": post.thread.title},
        dedupe_key=f"community-accepted-{post.pk}",
    )


def tell_decision(post: Post, action: str, reason: str) -> None:
    """The author hears what a moderator decided about their post, and why."""
    if post.author is None:
        return
    titles = {
        "approve": _("Your post in “%(thread)s” was approved"),
        "hide": _("Your post in “%(thread)s” was hidden by a moderator"),
        "restore": _("Your post in “%(thread)s” is visible again"),
        "delete": _("Your post in “%(thread)s” was removed by a moderator"),
        "edit": _("A moderator edited your post in “%(thread)s”"),
    }
    notify(
        member=post.author,
        kind="community_moderation",
        title=titles[action],
        body=_("Reason: %(reason)s") if reason else "",
        url=post_url(post),
        params={"thread": post.thread.title, "reason": reason},
    )


def tell_sanction(member: Member, kind: str, until, reason: str) -> None:
    titles = {
        "mute": _("You are muted in the community until %(until)s"),
        "suspend": _("Your community access is suspended until %(until)s"),
    }
    notify(
        member=member,
        kind="community_moderation",
        title=titles[kind],
        body=_("Reason: %(reason)s") if reason else "",
        params={"until": until.strftime("%d-%m-%Y %H:%M"), "reason": reason},
    )
