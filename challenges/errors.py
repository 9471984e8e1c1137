"""The refusals of challenges and stories that have a name of their own.

Everything else a service refuses is one of core's family (``NotAllowed`` 403, ``NotFound``
404, ``InvalidInput`` 400); uploads refuse with ``core.uploads.InvalidUpload``."""

from core.errors import Conflict


class InvalidTransition(Conflict):
    """The challenge or story is not in a state that allows this (409): closing a challenge
    that is not open, reviewing a story that was decided, an entry beyond the challenge's
    limit. A retry after the state changed is the usual cause, so callers may show it as is."""

    default_code = "invalid_transition"


class EntryInThePast(Conflict):
    """A content-calendar day that has passed cannot become a challenge (409)."""

    default_code = "entry_in_the_past"
