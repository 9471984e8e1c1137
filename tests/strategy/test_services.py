"""Changes to the content calendar (strategy/services.py)."""

import pytest
from django.utils import timezone

from strategy import holidays
from strategy.models import CalendarEntry
from strategy.services import add_dutch_holidays, mark_turned_into_challenge
from tests.strategy.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_adding_holidays_is_idempotent():
    year = timezone.localdate().year
    added = add_dutch_holidays(years=[year, year + 1])
    assert added == 2 * len(holidays.dutch_holidays(year))
    assert add_dutch_holidays(years=[year, year + 1]) == 0
    assert CalendarEntry.objects.filter(title="Koningsdag").count() == 2
    koningsdag = CalendarEntry.objects.get(title="Koningsdag", starts_on=holidays.koningsdag(year))
    assert koningsdag.title_en == "King's Day" and koningsdag.kind == "holiday"


def test_an_entry_remembers_its_challenge():
    entry = CalendarEntryFactory()
    mark_turned_into_challenge(entry=entry, challenge_id=42)
    entry.refresh_from_db()
    assert entry.challenge_id == 42
