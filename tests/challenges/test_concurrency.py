"""Simultaneous requests on PostgreSQL: double approve, double share, retried clicks,
parallel entries and a challenge closed twice at once never award twice."""

import pytest
from django.utils import timezone

from challenges import services
from challenges.errors import InvalidTransition
from challenges.models import Challenge, ReviewDecision, Share, ShareClick, Story
from gamification.models import PointsEntry
from people.models import Role
from tests.concurrency import run_at_once
from tests.factories import MemberFactory

from .conftest import BROWSER
from .factories import ChallengeFactory, ShareLinkFactory, StoryFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_concurrent_shares_award_once(require_postgres, creator, ambassador):
    story = StoryFactory(creator=creator, approved=True)
    errors = run_at_once([lambda: services.share_story(member=ambassador, story=story, network="linkedin")] * 8)
    assert errors == []
    assert Share.objects.filter(member=ambassador).count() == 1
    assert PointsEntry.objects.filter(member=ambassador, action="story_shared").count() == 1


def test_concurrent_approvals_award_once(require_postgres, creator, editor, master):
    story = StoryFactory(creator=creator)
    errors = run_at_once(
        [lambda: services.review_story(editor=editor, story=story, decision="approve")] * 4
        + [lambda: services.review_story(editor=master, story=story, decision="approve")] * 4
    )
    assert errors == []
    assert ReviewDecision.objects.filter(story=story).count() == 1
    assert PointsEntry.objects.filter(member=creator, action="story_approved").count() == 1


def test_retried_clicks_count_once(require_postgres, creator, ambassador):
    link = ShareLinkFactory(member=ambassador, story=StoryFactory(creator=creator, approved=True))
    now = timezone.now()
    errors = run_at_once([lambda: services.record_click(link=link, ip="192.0.2.1", user_agent=BROWSER, now=now)] * 8)
    assert errors == []
    assert ShareClick.objects.count() == 1
    assert PointsEntry.objects.filter(member=ambassador, action="share_click").count() == 1


def test_parallel_entries_respect_the_limit(require_postgres, department):
    challenge = ChallengeFactory(entries_per_member=1)
    creator = MemberFactory(role=Role.CREATOR, department=department)
    errors = run_at_once([lambda: services.submit_story(member=creator, text="Entry", challenge=challenge)] * 6)
    assert len(errors) == 5 and all(isinstance(e, InvalidTransition) for e in errors)
    assert Story.objects.filter(challenge=challenge).count() == 1


def test_closing_twice_at_once_awards_once(require_postgres, master, creator, editor):
    challenge = ChallengeFactory()
    StoryFactory(creator=creator, challenge=challenge, approved_by=editor)
    errors = run_at_once(
        [lambda: services.close_challenge(by=master, challenge=challenge)] * 3
        + [lambda: services.open_and_close_due(now=challenge.closes_at)] * 3
    )
    assert all(isinstance(e, InvalidTransition) for e in errors)
    assert Challenge.objects.get(pk=challenge.pk).state == "judged"
    assert PointsEntry.objects.filter(member=creator, action="challenge_won").count() == 1
