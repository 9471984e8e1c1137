"""challenges/services/targeting.py and its effect: the editor's audience and period checked,
stored on approval, and honoured by the feed and the weekly digest."""

import datetime

import pytest
from django.utils import timezone

from challenges import selectors
from challenges.models import SuggestionDigest
from challenges.services import check_targeting, review_story
from challenges.services.digest import send_weekly_digests
from core.errors import InvalidInput
from tests.factories import MemberFactory

from ..factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_check_targeting_refuses_unknown_ids_and_a_reversed_period():
    with pytest.raises(InvalidInput) as unknown:
        check_targeting(audience={"departments": [424242]})
    assert unknown.value.code == "unknown_audience"
    now = timezone.now()
    with pytest.raises(InvalidInput) as reversed_period:
        check_targeting(share_from=now, share_until=now)
    assert reversed_period.value.code == "share_period_invalid"


def test_approval_stores_the_choice_and_the_feed_honours_it(creator, editor, department, other_department):
    targeting = check_targeting(audience={"departments": [department.pk], "languages": ["en"]})
    story = review_story(editor=editor, story=StoryFactory(creator=creator), decision="approve", targeting=targeting)
    assert story.target_languages == ",en,"
    assert list(story.target_departments.all()) == [department]
    assert list(selectors.suggestions(member=MemberFactory(department=department, language="en"))) == [story]
    assert list(selectors.suggestions(member=MemberFactory(department=department, language="nl"))) == []
    assert list(selectors.suggestions(member=MemberFactory(department=other_department, language="en"))) == []


def test_the_digest_tells_only_the_audience(creator, editor, department, other_department):
    targeting = check_targeting(audience={"departments": [department.pk]})
    review_story(editor=editor, story=StoryFactory(creator=creator), decision="approve", targeting=targeting)
    inside = MemberFactory(department=department)
    outside = MemberFactory(department=other_department)
    send_weekly_digests()
    told = set(SuggestionDigest.objects.values_list("member_id", flat=True))
    assert inside.pk in told
    assert outside.pk not in told


def test_the_digest_waits_for_share_from(creator, editor, ambassador):
    now = timezone.now()
    later = now + datetime.timedelta(days=2)
    targeting = check_targeting(share_from=later)
    review_story(editor=editor, story=StoryFactory(creator=creator), decision="approve", targeting=targeting)
    assert send_weekly_digests(now=now) == 0
    assert send_weekly_digests(now=later + datetime.timedelta(hours=1)) >= 1
    assert SuggestionDigest.objects.filter(member=ambassador).exists()
