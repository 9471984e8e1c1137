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
"""

from .challenges import ChallengeViewSet
from .stories import ReviewQueueView, StoryViewSet, SuggestionsView

__all__ = ["ChallengeViewSet", "ReviewQueueView", "StoryViewSet", "SuggestionsView"]
