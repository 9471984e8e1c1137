"""challenges/services/digest.py: the weekly digest, capped, once per member and week."""

import datetime

import pytest
from django.utils import timezone

from challenges.models import SharingSettings, SuggestionDigest
from challenges.services.digest import send_weekly_digests
from people.models import Notification
from tests.factories import MemberFactory

from ..factories import ShareFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_weekly_digest_with_cap_once_per_week(creator, department):
    settings_ = SharingSettings.load()
    settings_.weekly_suggestion_cap = 2
    settings_.save()
    reader = MemberFactory(department=department)
    for n in range(3):
        StoryFactory(creator=creator, text=f"Story {n}", approved=True)
    assert send_weekly_digests() >= 1
    assert send_weekly_digests() == 0
    digest = SuggestionDigest.objects.get(member=reader)
    assert len(digest.story_ids) == 2
    notification = Notification.objects.get(member=reader, kind="suggestions_digest")
    assert notification.body.count("•") == 2


def test_no_digest_without_new_stories_or_for_what_one_shared(department):
    reader = MemberFactory(department=department)
    StoryFactory(approved=True, approved_at=timezone.now() - datetime.timedelta(days=8))
    assert send_weekly_digests() == 0  # last week's news was last week's digest
    shared = StoryFactory(approved=True)
    ShareFactory(member=reader, story=shared)
    send_weekly_digests()
    assert not SuggestionDigest.objects.filter(member=reader).exists()
