"""The content calendar API (strategy/api.py)."""

import datetime

import pytest
from django.utils import timezone

from tests.strategy.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_content_calendar_month(api):
    CalendarEntryFactory(
        title="Vakbeurs", kind="trade_fair", starts_on=datetime.date(2027, 3, 30), ends_on=datetime.date(2027, 4, 2)
    )
    CalendarEntryFactory(
        title="Koningsdag", title_en="King's Day", kind="holiday", starts_on=datetime.date(2027, 4, 27)
    )
    CalendarEntryFactory(title="Mei", kind="campaign", starts_on=datetime.date(2027, 5, 1))
    data = api.get("/api/v1/calendar/?month=2027-04").json()
    assert data["month"] == "2027-04"
    assert [e["title"] for e in data["entries"]] == ["Vakbeurs", "King's Day"]
    assert data["entries"][0]["kind_label"] == "trade fair" and data["entries"][0]["ends_on"] == "2027-04-02"
    response = api.get("/api/v1/calendar/?month=april")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert api.get("/api/v1/calendar/").json()["month"] == timezone.localdate().strftime("%Y-%m")


def test_anonymous_gets_401(anon_api):
    assert anon_api.get("/api/v1/calendar/").status_code == 401
