"""The challenges and content-flow API (``/api/v1/``, routed in ``cms.api_urls``).

Who may use what (``challenges.policies`` decides; these views parse, ask and present):
- ``/challenges/``: list and read: any member (their audience; Masters all); create, update,
  schedule, open, close, judge: Social Masters, Activators for their own department.
- ``/stories/``: submit: Creators (any member inside a challenge that allows it); ``?mine=1``
  my own stories; others: approved stories. Withdraw and resubmit: the creator (others 404).
  Review: the department's Editor or a Master.
  Compliments: Masters and Activators. Shares and dismissals: any member.
- ``/review-queue/``: Editors (their department) and Masters; others 403.
- ``/suggestions/``: any member, their own feed.
- ``/conversions/``: the organisation's own sites, signed with ``CONVERSIONS_SECRET`` (no login).
- ``/shares/{id}/``: PATCH the self-reported results of one's own share (others 404).
"""

from .challenges import ChallengeViewSet
from .outcomes import ConversionView, ShareResultsView
from .stories import ReviewQueueView, StoryViewSet, SuggestionsView

__all__ = [
    "ChallengeViewSet",
    "ConversionView",
    "ReviewQueueView",
    "ShareResultsView",
    "StoryViewSet",
    "SuggestionsView",
]
