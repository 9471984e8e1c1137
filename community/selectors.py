"""Reads for the community pages, the API and the reports; keyword arguments, no request,
and a constant number of queries whatever the number of posts."""

import datetime

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from people.models import Member

from . import policies
from .models import Post, PostImage, PostStatus, Reaction, Report, Sanction, Space, SpamExample, Thread, ThreadFollow


def spaces_for(*, member: Member) -> QuerySet[Space]:
    """The spaces ``member`` reads, with their number of threads."""
    return (
        Space.objects.filter(policies.readable_spaces_filter(member))
        .distinct()
        .select_related("department")
        .prefetch_related("moderators")
        .annotate(thread_count=Count("threads", distinct=True))
        .order_by("position", "name")
    )


def find_space(*, pk: int) -> Space | None:
    return Space.objects.select_related("department").prefetch_related("moderators").filter(pk=pk).first()


def find_thread(*, pk: int) -> Thread | None:
    return (
        Thread.objects.select_related("space", "space__department", "author", "accepted_post")
        .prefetch_related("space__moderators")
        .filter(pk=pk)
        .first()
    )


def find_post(*, pk: int) -> Post | None:
    return (
        Post.objects.select_related("thread", "thread__space", "author", "reply_to", "reply_to__author")
        .prefetch_related("thread__space__moderators")
        .filter(pk=pk)
        .first()
    )


def threads_in(*, space: Space, member: Member) -> QuerySet[Thread]:
    """The threads of ``space``, latest activity first, with the posts ``member`` sees."""
    visible = policies.visible_posts_filter(member, space)
    return (
        Thread.objects.filter(space=space)
        .select_related("author")
        .annotate(post_count=Count("posts", filter=Q(posts__status=PostStatus.PUBLISHED)))
        .filter(Exists(Post.objects.filter(visible, thread=OuterRef("pk"))))
        .order_by("-last_post_at", "-pk")
    )


def find_image(*, name: str) -> PostImage | None:
    """The post image stored as ``name``, with what deciding who sees it needs."""
    if not name:
        return None
    return (
        PostImage.objects.select_related("post", "post__thread", "post__thread__space", "post__author")
        .prefetch_related("post__thread__space__moderators")
        .filter(image=name)
        .first()
    )


def posts_in(*, thread: Thread, member: Member) -> QuerySet[Post]:
    """The posts of ``thread`` that ``member`` sees, oldest first, with authors, quoted posts,
    reactions and images; each with ``reaction_counts`` ({emoji: n}) once evaluated
    (prefetch)."""
    visible = policies.visible_posts_filter(member, thread.space)
    return (
        Post.objects.filter(visible, thread=thread)
        .select_related("author", "reply_to", "reply_to__author")
        .prefetch_related(
            Prefetch("reactions", queryset=Reaction.objects.only("post_id", "emoji", "member_id")), "images"
        )
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True), distinct=True))
        .order_by("created_at", "pk")
    )


def reaction_counts(post: Post) -> dict[str, int]:
    counts: dict[str, int] = {}
    for reaction in post.reactions.all():
        counts[reaction.emoji] = counts.get(reaction.emoji, 0) + 1
    return counts


def follows(*, member: Member, thread: Thread) -> bool:
    return ThreadFollow.objects.filter(member=member, thread=thread).exists()


def followers(*, thread: Thread) -> QuerySet[Member]:
    return Member.objects.filter(pk__in=ThreadFollow.objects.filter(thread=thread).values("member_id"), is_active=True)


def moderation_queue(*, member: Member) -> QuerySet[Post]:
    """Posts waiting for ``member`` as a moderator: held posts and posts with open reports,
    oldest first, in the spaces they moderate (every space for a Master)."""
    posts = Post.objects.all()
    if not member.is_master:
        posts = posts.filter(thread__space__moderators=member)
    open_reports = Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    return (
        posts.filter(Q(status=PostStatus.PENDING) | Q(Exists(open_reports) & ~Q(status=PostStatus.DELETED)))
        .select_related("author", "thread", "thread__space")
        .prefetch_related(
            Prefetch("reports", queryset=Report.objects.filter(resolved_at__isnull=True)), "reactions", "images"
        )
        .order_by("created_at", "pk")
    )


def open_report_count_against(*, member: Member) -> int:
    return Report.objects.filter(post__author=member, resolved_at__isnull=True).count()


def published_post_count(*, member: Member) -> int:
    return Post.objects.filter(author=member, status=PostStatus.PUBLISHED).count()


def posts_since(*, member: Member, since: datetime.datetime) -> int:
    return Post.objects.filter(author=member, created_at__gte=since).count()


def recent_duplicate(*, member: Member, fingerprint: str, since: datetime.datetime) -> Post | None:
    return (
        Post.objects.filter(author=member, fingerprint=fingerprint, created_at__gte=since)
        .exclude(status=PostStatus.DELETED)
        .first()
    )


def spam_training_examples() -> list[tuple[str, bool]]:
    """Seed examples plus the moderators' decisions on posts (the last decision per post)."""
    from .models import ModerationAction, ModerationDecision

    examples = [(e.text, e.is_spam) for e in SpamExample.objects.all()]
    latest: dict[int, tuple[str, bool]] = {}
    decisions = ModerationDecision.objects.filter(
        post__isnull=False,
        action__in=[ModerationAction.APPROVE, ModerationAction.RESTORE, ModerationAction.HIDE, ModerationAction.DELETE],
    ).order_by("created_at", "pk")
    for d in decisions.values("post_id", "action", "text"):
        latest[d["post_id"]] = (d["text"], d["action"] in (ModerationAction.HIDE, ModerationAction.DELETE))
    return examples + list(latest.values())


def active_sanction(*, member: Member, now: datetime.datetime) -> Sanction | None:
    return Sanction.objects.filter(member=member, until__gt=now).order_by("-until").first()


def search(*, member: Member, query: str, limit: int = 30) -> list[Post]:
    """Published posts in the spaces ``member`` reads that match ``query``: PostgreSQL
    full-text search with the Dutch and the English configuration (a match in either
    counts, best first); ``icontains`` on the text and thread title on SQLite."""
    query = (query or "").strip()[:200]
    if not query:
        return []
    posts = (
        Post.objects.filter(
            status=PostStatus.PUBLISHED,
            thread__space__in=Space.objects.filter(policies.readable_spaces_filter(member)),
        )
        .select_related("thread", "thread__space", "author")
        .prefetch_related("reactions", "images")
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector_nl = SearchVector("body", config="dutch") + SearchVector("thread__title", config="dutch")
        vector_en = SearchVector("body", config="english") + SearchVector("thread__title", config="english")
        q_nl = SearchQuery(query, config="dutch", search_type="websearch")
        q_en = SearchQuery(query, config="english", search_type="websearch")
        posts = (
            posts.annotate(v_nl=vector_nl, v_en=vector_en)
            .filter(Q(v_nl=q_nl) | Q(v_en=q_en))
            .annotate(rank=SearchRank(vector_nl, q_nl) + SearchRank(vector_en, q_en))
            .order_by("-rank", "-created_at")
        )
    else:
        posts = posts.filter(Q(body__icontains=query) | Q(thread__title__icontains=query)).order_by("-created_at")
    return list(posts[:limit])


def members_by_handles(*, handles: set[str]) -> list[Member]:
    """Members an ``@handle`` names: their e-mail address or its part before the ``@``."""
    if not handles:
        return []
    condition = Q()
    for handle in handles:
        condition |= Q(email__iexact=handle) if "@" in handle else Q(email__istartswith=f"{handle}@")
    return list(Member.objects.filter(condition, is_active=True)[:20])


def activity_rows_for_export(*, member: Member) -> dict:
    return {
        "threads": list(Thread.objects.filter(author=member).values("id", "title", "created_at")),
        "posts": list(Post.objects.filter(author=member).values("id", "thread_id", "body", "status", "created_at")),
        "post_images": list(
            PostImage.objects.filter(post__author=member).values("id", "post_id", "image", "width", "height")
        ),
        "reports": list(Report.objects.filter(reporter=member).values("id", "post_id", "reason", "created_at")),
    }
