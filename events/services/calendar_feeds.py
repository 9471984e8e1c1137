"""A member's personal calendar feed of their sessions: one secret address per member
(the mechanism is ``core.feeds``, shared with the content calendar's feed)."""

from core import feeds
from people.models import Member

from ..models import CalendarFeed


def calendar_feed(*, member: Member) -> CalendarFeed:
    """The member's feed, made on first use. Locks nothing (the one-to-one constraint
    decides between two first uses). Raises nothing."""
    return feeds.feed_of(CalendarFeed, member=member)


def revoke_calendar_feed(*, member: Member) -> CalendarFeed:
    """A new secret: the old feed address stops working at once. Returns the feed with its
    new address; locks nothing, raises nothing."""
    return feeds.revoke(CalendarFeed, member=member)
