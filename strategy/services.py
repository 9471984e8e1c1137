"""Changes to the content calendar."""

from .holidays import dutch_holidays
from .models import CalendarEntry


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
