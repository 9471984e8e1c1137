"""challenges/services/sharing.py: shares (points once per network), tracked links, the
rules for counting a click, click retention and dismissed suggestions."""

import datetime

import pytest
from django.utils import timezone

from challenges.models import Share, ShareClick, SharingSettings, SuggestionDismissal
from challenges.services.sharing import (
    delete_old_clicks,
    dismiss_suggestion,
    is_bot,
    record_click,
    share_link_for,
    share_story,
)
from core.errors import InvalidInput, NotFound

from ..conftest import BROWSER, points
from ..factories import ChallengeFactory, ShareLinkFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_share_points_once_per_network(creator, ambassador):
    story = StoryFactory(creator=creator, approved=True)
    link, _share, created = share_story(member=ambassador, story=story, network="linkedin")
    link2, _share, again = share_story(member=ambassador, story=story, network="linkedin")
    share_story(member=ambassador, story=story, network="x")
    assert (created, again) == (True, False)
    assert link == link2
    assert Share.objects.filter(member=ambassador).count() == 2
    assert points(ambassador, "story_shared") == 10


def test_a_share_in_a_challenge_scores_on_its_board(ambassador):
    from gamification.models import BoardEntry

    challenge = ChallengeFactory()
    share_story(member=ambassador, story=StoryFactory(challenge=challenge, approved=True), network="email")
    assert BoardEntry.objects.filter(board=challenge.board, member=ambassador).exists()


def test_share_refused_for_unapproved_or_unknown_network(creator, ambassador):
    with pytest.raises(NotFound):
        share_story(member=ambassador, story=StoryFactory(creator=creator), network="linkedin")
    with pytest.raises(InvalidInput):
        share_story(member=ambassador, story=StoryFactory(creator=creator, approved=True), network="myspace")
    assert not Share.objects.exists()


def test_one_tracked_link_per_member_and_story(ambassador):
    story = StoryFactory(approved=True)
    assert share_link_for(member=ambassador, story=story) == share_link_for(member=ambassador, story=story)


@pytest.mark.parametrize(
    ("user_agent", "bot"),
    [(BROWSER, False), ("", True), ("LinkedInBot/1.0", True), ("facebookexternalhit/1.1", True), ("curl/8", True)],
)
def test_bots_are_known_by_their_user_agent(user_agent, bot):
    assert is_bot(user_agent) is bot


def test_click_rules(ambassador):
    link = ShareLinkFactory(member=ambassador)
    now = timezone.now()
    assert record_click(link=link, ip="10.0.0.1", user_agent=BROWSER, now=now)
    assert not record_click(link=link, ip="10.0.0.1", user_agent=BROWSER, now=now)  # same visitor, same day
    assert record_click(link=link, ip="10.0.0.2", user_agent=BROWSER, now=now)
    assert not record_click(link=link, ip="10.0.0.3", user_agent="LinkedInBot/1.0", now=now)
    assert not record_click(link=link, ip="10.0.0.5", user_agent=BROWSER, viewer=ambassador, now=now)
    tomorrow = now + datetime.timedelta(days=1)
    assert record_click(link=link, ip="10.0.0.1", user_agent=BROWSER, now=tomorrow)
    assert points(ambassador, "share_click") == 3
    assert link.clicks.count() == 3
    hashes = set(link.clicks.values_list("visitor_hash", flat=True))
    assert len(hashes) == 3 and not any("10.0.0" in h for h in hashes)


@pytest.mark.clock
def test_click_points_are_capped_per_day(ambassador):
    link = ShareLinkFactory(member=ambassador)
    now = timezone.now()
    for n in range(25):
        record_click(link=link, ip=f"10.1.0.{n}", user_agent=BROWSER, now=now)
    assert link.clicks.count() == 25
    assert points(ambassador, "share_click") == 20  # the rule's daily cap


@pytest.mark.clock
def test_old_clicks_are_deleted_after_retention(ambassador):
    link = ShareLinkFactory(member=ambassador)
    now = timezone.now()
    record_click(link=link, ip="1.1.1.1", user_agent=BROWSER, now=now - datetime.timedelta(days=40))
    record_click(link=link, ip="1.1.1.2", user_agent=BROWSER, now=now)
    settings_ = SharingSettings.load()
    settings_.click_retention_days = 30
    settings_.save()
    assert delete_old_clicks(now=now) == 1
    assert delete_old_clicks(now=now) == 0
    assert ShareClick.objects.count() == 1


def test_dismissing_twice_is_one_dismissal(ambassador):
    story = StoryFactory(approved=True)
    dismiss_suggestion(member=ambassador, story=story)
    dismiss_suggestion(member=ambassador, story=story)
    assert SuggestionDismissal.objects.filter(member=ambassador, story=story).count() == 1
