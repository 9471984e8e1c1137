"""Every state change of challenges, stories, reviews, compliments and shares, one module per
idea:

- ``challenges``: launch, edit, schedule, open, close, judge; winners announced;
- ``stories``: submit (in a challenge or as a free moment), send again after a change,
  withdraw while waiting;
- ``review``: an editor's decision, a manager's compliment;
- ``sharing``: dismiss a suggestion, tracked links, shares, counted clicks, click retention;
- ``outcomes``: conversions reported by the organisation's sites, self-reported share results;
- ``nudges``: managers asked to react when their team shares;
- ``digest``: the weekly suggestions digest;
- ``rewards``: what all of the above earns in the points ledger;
- ``targeting``: who an approved story is suggested to and when; the key messages it serves;
- ``calendar``: a content-calendar day turned into a draft challenge;
- ``privacy``: an erased member's name taken out of fixed standings and winners.

Who may do what is asked of ``challenges.policies`` (check, then do); reads live in
``challenges.selectors``; refusals are core's family plus ``challenges.errors``. The names
below are the app's services for the pages, the API and other apps."""

from .calendar import turn_into_challenge
from .challenges import (
    clean_brief,
    close_challenge,
    create_challenge,
    judge_challenge,
    open_and_close_due,
    open_challenge,
    schedule_challenge,
    unschedule_challenge,
    update_challenge,
)
from .digest import send_weekly_digests
from .nudges import nudge_managers
from .outcomes import record_conversion, report_share_results, signature_matches
from .privacy import forget_entrant, forget_stories
from .review import give_compliment, review_story
from .sharing import delete_old_clicks, dismiss_suggestion, record_click, share_link_for, share_story
from .stories import MAX_IMAGES, resubmit_story, submit_story, withdraw_story
from .targeting import Targeting, check_targeting

__all__ = [
    "turn_into_challenge",
    "MAX_IMAGES",
    "Targeting",
    "check_targeting",
    "clean_brief",
    "close_challenge",
    "create_challenge",
    "delete_old_clicks",
    "dismiss_suggestion",
    "give_compliment",
    "judge_challenge",
    "nudge_managers",
    "record_conversion",
    "report_share_results",
    "signature_matches",
    "open_and_close_due",
    "open_challenge",
    "record_click",
    "resubmit_story",
    "review_story",
    "schedule_challenge",
    "send_weekly_digests",
    "forget_entrant",
    "forget_stories",
    "share_link_for",
    "share_story",
    "submit_story",
    "unschedule_challenge",
    "update_challenge",
    "withdraw_story",
]
