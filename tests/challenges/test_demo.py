import pytest
from django.core.management import call_command
from django.test import override_settings

from challenges import selectors
from challenges.models import Challenge, ShareClick, Story
from people.models import Member

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_challenges_stories_and_shares_once(demo):
    first = (Challenge.objects.count(), Story.objects.count(), ShareClick.objects.count())
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    assert (Challenge.objects.count(), Story.objects.count(), ShareClick.objects.count()) == first
    assert set(Challenge.objects.values_list("state", flat=True)) == {"open", "judged"}
    assert Challenge.objects.get(state="judged").winners
    ambassador = Member.objects.get(email="ambassador@example.com")
    assert selectors.suggestions(member=ambassador).exists()
    assert selectors.review_queue(editor=Member.objects.get(email="editor@example.com")).exists()
    assert ShareClick.objects.exists()
