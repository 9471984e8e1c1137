"""The content calendar moved out of ``learning`` keeping its rows and content type."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from strategy.models import CalendarEntry
from tests.migrations import latest, migrate, migrated_back

# Migrations change the schema state, which needs a real transaction per migration.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("learning", "0004_session_rules_and_linkedin_checklist")]


def test_entries_survive_and_the_content_type_is_renamed_in_place():
    old = migrated_back(BEFORE)
    OldContentType = old.get_model("contenttypes", "ContentType")
    content_type, _ = OldContentType.objects.get_or_create(app_label="learning", model="calendarentry")
    entry = old.get_model("learning", "CalendarEntry").objects.create(
        title="Koningsdag", kind="holiday", starts_on=datetime.date(2027, 4, 27)
    )
    migrate(latest())
    assert CalendarEntry.objects.get(pk=entry.pk).title == "Koningsdag"
    assert ContentType.objects.get(pk=content_type.pk).app_label == "strategy"
    assert ContentType.objects.get_for_model(CalendarEntry).pk == content_type.pk
