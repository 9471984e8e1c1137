"""Reads for the challenge pages, the API, the admin and reports, one module per idea:

- ``challenges``: what a member sees and may enter, what a manager runs, entries, standings;
- ``stories``: my stories, the review queue, one story as a member may see it, the public page;
- ``sharing``: the suggestions feed, tracked links, what a share button needs;
- ``reviewers``: who reviews a department's stories, departments without an editor.

No ``request`` here: callers pass the member. Who may see what is asked of
``challenges.policies``."""

from .challenges import (
    audience_q,
    entrant_name,
    entries,
    find_challenge,
    managed_challenges,
    my_entries,
    open_challenges,
    standings,
    visible_challenges,
)
from .reviewers import Reviewers, reviewers, story_reviewers, unassigned_departments, with_reviewers
from .sharing import (
    caption_for,
    disclosure_line,
    my_shares,
    outbound_url,
    share_dialog_url,
    share_link,
    share_payload,
    suggestion_feed,
    suggestions,
    targeted_at,
    tracking_url,
    utm_params,
)
from .stories import (
    admin_review_decisions,
    admin_stories,
    approved_stories,
    find_story,
    messages_by_department,
    my_stories,
    own_stories,
    public_story,
    review_queue,
    review_queue_count,
    story_of_media,
    with_story_details,
)

__all__ = [
    "Reviewers",
    "admin_review_decisions",
    "admin_stories",
    "approved_stories",
    "audience_q",
    "caption_for",
    "disclosure_line",
    "my_shares",
    "outbound_url",
    "entries",
    "find_challenge",
    "find_story",
    "managed_challenges",
    "messages_by_department",
    "my_entries",
    "my_stories",
    "open_challenges",
    "own_stories",
    "public_story",
    "review_queue",
    "review_queue_count",
    "story_of_media",
    "reviewers",
    "share_dialog_url",
    "share_link",
    "share_payload",
    "entrant_name",
    "standings",
    "story_reviewers",
    "suggestion_feed",
    "suggestions",
    "targeted_at",
    "tracking_url",
    "unassigned_departments",
    "utm_params",
    "visible_challenges",
    "with_reviewers",
    "with_story_details",
]
