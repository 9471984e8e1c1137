"""Erasure and export of a member's community data (called by ``cms.services.privacy``).

Erasure anonymises: a post others replied to (a later post by someone else in its thread) keeps its text, without the name; a post no
one replied to is removed (its text blanked and marked deleted). The member's post images
go in both cases, rows and files (personal content, and no one replied to a photo's
text). Reactions, follows and the member's reports go; moderation log lines keep the
decision but lose the name."""

from django.db import transaction
from django.db.models import Exists, OuterRef

from people.models import Member

from .. import selectors
from ..models import ModerationDecision, Post, PostImage, PostStatus, Reaction, Report, Sanction, Thread, ThreadFollow
from . import images as post_images


def export(*, member: Member) -> dict:
    """What the community holds about ``member``, for their data download."""
    return selectors.activity_rows_for_export(member=member)


def erase(*, member: Member) -> dict:
    """Anonymise ``member``'s community content. Locks nothing (the member is being erased).
    Returns counts ``{"kept": n, "removed": n, "images": n}``; the image files are deleted
    once the transaction commits. Raises nothing."""
    with transaction.atomic():
        images = post_images.remove(PostImage.objects.filter(post__author=member))
        # Others replied: a later post in the same thread by someone else.
        replied = Post.objects.filter(thread=OuterRef("thread"), created_at__gt=OuterRef("created_at")).exclude(
            author=member
        )
        posts = Post.objects.filter(author=member).annotate(has_replies=Exists(replied))
        kept = posts.filter(has_replies=True).update(author=None, anonymised=True)
        removed = Post.objects.filter(author=member).update(
            author=None, anonymised=True, body="", html="", fingerprint="", status=PostStatus.DELETED
        )
        Thread.objects.filter(author=member).update(author=None)
        Reaction.objects.filter(member=member).delete()
        ThreadFollow.objects.filter(member=member).delete()
        Report.objects.filter(reporter=member).update(reporter=None, reason="")
        ModerationDecision.objects.filter(member=member).update(member=None)
        ModerationDecision.objects.filter(moderator=member).update(moderator=None)
        Sanction.objects.filter(member=member).delete()
    return {"kept": kept, "removed": removed, "images": images}
