"""Onboarding across apps: people's choices and consent and the leaderboard choice, together."""

from unittest import mock

import pytest

from cms.services.onboarding import complete_onboarding
from people.models import LeaderboardVisibility, Member

pytestmark = pytest.mark.django_db


def test_choices_consent_and_leaderboard_visibility_are_stored(member):
    complete_onboarding(member=member, language="nl", leaderboard_visibility=LeaderboardVisibility.ANONYMOUS)
    stored = Member.objects.get(pk=member.pk)
    assert stored.language == "nl" and stored.privacy_consent_at and stored.onboarded_at
    assert stored.leaderboard_visibility == LeaderboardVisibility.ANONYMOUS


def test_nothing_is_stored_when_one_part_fails(member):
    with (
        mock.patch("cms.services.onboarding.set_leaderboard_visibility", side_effect=ValueError("boom")),
        pytest.raises(ValueError),
    ):
        complete_onboarding(member=member, language="nl", leaderboard_visibility="visible")
    stored = Member.objects.get(pk=member.pk)
    assert stored.privacy_consent_at is None and stored.language == "en"
