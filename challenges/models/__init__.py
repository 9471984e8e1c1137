"""Challenges a Master launches, the stories creators submit (inside a challenge or as a
free "share a moment"), the editors' decisions on them, how ambassadors share them, and what
the sharing brought. One module per concept:

- ``challenges``: the challenge, who it is for, how it is won;
- ``stories``: stories, their photos, review decisions, compliments;
- ``sharing``: tracked links, shares (with the ambassador's self-reported results), clicks,
  suggestion dismissals and digests, the sharing settings, managers' nudges;
- ``outcomes``: conversions the organisation's own sites report on a tracked link.

State changes live in ``challenges.services``, reads in ``challenges.selectors``, and who
may do what in ``challenges.policies``.
"""

from .challenges import (
    Audience,
    Challenge,
    ChallengeKind,
    ChallengeState,
    Participation,
    WinnerRule,
    open_at,
)
from .outcomes import Conversion, ConversionKind
from .sharing import (
    ManagerNudge,
    Network,
    Share,
    ShareClick,
    ShareLink,
    SharingSettings,
    SuggestionDigest,
    SuggestionDismissal,
    _share_code,
)
from .stories import (
    STORY_MEDIA_URL,
    Compliment,
    Decision,
    ReviewDecision,
    Story,
    StoryImage,
    StoryStatus,
    _public_id,
    story_media_storage,
)

__all__ = [
    "STORY_MEDIA_URL",
    "Audience",
    "Challenge",
    "ChallengeKind",
    "ChallengeState",
    "Compliment",
    "Conversion",
    "ConversionKind",
    "Decision",
    "ManagerNudge",
    "Network",
    "Participation",
    "ReviewDecision",
    "Share",
    "ShareClick",
    "ShareLink",
    "SharingSettings",
    "Story",
    "StoryImage",
    "StoryStatus",
    "SuggestionDigest",
    "SuggestionDismissal",
    "WinnerRule",
    "_public_id",
    "_share_code",
    "open_at",
    "story_media_storage",
]
