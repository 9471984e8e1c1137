"""A member's personal calendar feed: one secret address per member."""

from django.utils import timezone

from people.models import Member

from ..models import CalendarFeed, new_secret


def calendar_feed(*, member: Member) -> CalendarFeed:
    """The member's feed, made on first use (``get_or_create``; no lock). Raises nothing."""
    feed, _created = CalendarFeed.objects.get_or_create(member=member)
    return feed


def revoke_calendar_feed(*, member: Member) -> CalendarFeed:
    """A new secret: the old feed address stops working at once. Returns the feed with its
    new address; locks nothing, raises nothing."""
    feed, created = CalendarFeed.objects.get_or_create(member=member)
    if not created:
        feed.secret = new_secret()
        feed.created_at = timezone.now()
        feed.save(update_fields=["secret", "created_at"])
    return feed
