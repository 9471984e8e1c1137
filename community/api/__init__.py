"""``/api/v1/community/…``: spaces, threads, posts, reactions, reports, the moderation queue
and decisions, search (docs/community.md). Thin: parse, ask ``community.policies``, call a
service or a selector, present."""

from .views import (
    ModerationQueueView,
    ModerationView,
    PostsView,
    ReactionsView,
    ReportsView,
    SearchView,
    SpacesView,
    ThreadsView,
)

__all__ = [
    "ModerationQueueView",
    "ModerationView",
    "PostsView",
    "ReactionsView",
    "ReportsView",
    "SearchView",
    "SpacesView",
    "ThreadsView",
]
