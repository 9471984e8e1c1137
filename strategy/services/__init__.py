"""Changes to the content calendar, and a member's acceptance of the guidelines."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from core import feeds
from core.errors import InvalidInput, NotFound
from people.models import Member

from .. import selectors
from ..holidays import dutch_holidays
from ..models import CalendarEntry, ContentCalendarFeed, Guidelines, GuidelinesAcceptance


def add_dutch_holidays(*, years) -> int:
    """Add the Dutch holidays of ``years`` to the content calendar, computed from their rules.

    Locks nothing: each holiday has a unique ``source_key``, so running twice (or two at
    once) adds each holiday once. Returns how many were added; raises nothing."""
    added = 0
    for year in years:
        for holiday in dutch_holidays(year):
            _entry, created = CalendarEntry.objects.get_or_create(
                source_key=f"nl-holiday:{holiday.key}:{holiday.date.isoformat()}",
                defaults={
                    "title": holiday.name_nl,
                    "title_en": holiday.name_en,
                    "kind": holiday.kind,
                    "starts_on": holiday.date,
                    "suggested_angle": holiday.angle,
                },
            )
            added += created
    return added


def mark_turned_into_challenge(*, entry: CalendarEntry, challenge_id: int) -> None:
    """Remember which challenge the entry became (the caller holds the entry's row lock).
    Returns nothing, raises nothing."""
    CalendarEntry.objects.filter(pk=entry.pk).update(challenge_id=challenge_id)


def content_calendar_feed(*, member: Member) -> ContentCalendarFeed:
    """The member's secret address of the content calendar, made on first use
    (``core.feeds``). Locks nothing (the one-to-one constraint decides); raises nothing."""
    return feeds.feed_of(ContentCalendarFeed, member=member)


def revoke_content_calendar_feed(*, member: Member) -> ContentCalendarFeed:
    """A new secret: the old address stops working at once. Returns the feed with its new
    address; locks nothing, raises nothing."""
    return feeds.revoke(ContentCalendarFeed, member=member)


def accept_guidelines(*, member, guidelines: Guidelines) -> tuple[GuidelinesAcceptance, bool]:
    """The member accepts a published version of the guidelines; returns ``(acceptance,
    created)``. Idempotent: a unique constraint decides between twins (a double click or a
    retry), so accepting again changes nothing. Locks nothing. Raises ``NotFound`` for a
    version that is not published."""
    if not guidelines.published:
        raise NotFound(_("These guidelines are not published."), code="guidelines_not_found")
    try:
        with transaction.atomic():
            return GuidelinesAcceptance.objects.get_or_create(member_id=member.pk, guidelines=guidelines)
    except IntegrityError:
        return GuidelinesAcceptance.objects.get(member_id=member.pk, guidelines=guidelines), False


def confirm_story_checks(*, checks) -> dict:
    """What a creator ticked for a story against the current guidelines' per-story checks;
    returns what the story stores (``{"version": id, "checks": [keys]}``, or ``{}`` when the
    guidelines define none). Stores nothing, locks nothing. Raises ``InvalidInput``
    (``code="guideline_checks_required"``) when a check is not ticked."""
    guidelines = selectors.current_guidelines()
    required = [check["key"] for check in guidelines.check_list] if guidelines else []
    if not required:
        return {}
    ticked = {str(key) for key in checks or []}
    if not set(required) <= ticked:
        raise InvalidInput(
            _("Confirm every check of the guidelines before you send in your story."), code="guideline_checks_required"
        )
    return {"version": guidelines.pk, "checks": required}
