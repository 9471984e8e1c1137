"""The demo's sessions and content calendar (cms/demo/sessions.py, run by seed_demo)."""

import pytest
from django.utils import timezone

from events.models import Registration, SessionPage
from strategy import holidays
from strategy.models import CalendarEntry

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_sessions_and_this_and_next_years_holidays(demo):
    year = timezone.localdate().year
    for y in (year, year + 1):
        assert CalendarEntry.objects.filter(title="Koningsdag", starts_on=holidays.koningsdag(y)).exists()
        assert CalendarEntry.objects.filter(title="Eerste Paasdag", starts_on=holidays.easter_sunday(y)).exists()
    assert SessionPage.objects.live().count() == 5
    workshop = SessionPage.objects.get(slug="workshop-linkedin-profiel")
    assert Registration.objects.filter(session=workshop, status="waitlisted").exists()
    assert Registration.objects.filter(attended=True).exists()
