"""From the content calendar (strategy) to a challenge: the inhaakkalender's one step."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.locking import lock
from people.models import Member
from strategy import services as strategy_services
from strategy.models import CalendarEntry

from .. import policies
from ..errors import EntryInThePast
from ..models import Challenge, ChallengeKind
from .challenges import create_challenge


def turn_into_challenge(*, entry: CalendarEntry, by: Member, now: datetime.datetime | None = None) -> Challenge:
    """A draft challenge for the entry's days (its suggested angle becomes the brief, it opens
    at 08:00 on the first day or now, and closes at 23:59 on the last), linked to the entry.

    Once per entry: locks the entry's row, and an entry that already became a challenge
    returns that challenge. Raises ``NotAllowed`` for anyone but a Social Master and
    ``EntryInThePast`` (409) for a day that is over."""
    policies.check_plan_from_calendar(by)
    now = now or timezone.now()
    with transaction.atomic():
        lock(entry)
        locked = CalendarEntry.objects.get(pk=entry.pk)
        if locked.challenge_id:
            existing = Challenge.objects.filter(pk=locked.challenge_id).first()
            if existing is not None:
                return existing
        zone = timezone.get_default_timezone()
        closes_at = datetime.datetime.combine(locked.last_day, datetime.time(23, 59), tzinfo=zone)
        if closes_at <= now:
            raise EntryInThePast(_("This day has passed; choose an entry that is still to come."))
        opens_at = max(datetime.datetime.combine(locked.starts_on, datetime.time(8, 0), tzinfo=zone), now)
        challenge = create_challenge(
            by=by,
            title=locked.display_title[:160],
            brief=f"<p>{escape(locked.suggested_angle)}</p>" if locked.suggested_angle else "",
            kind=ChallengeKind.STORY,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        strategy_services.mark_turned_into_challenge(entry=locked, challenge_id=challenge.pk)
    return challenge
