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


def test_the_demo_editor_sees_the_demo_creators_waiting_story(demo):
    """The creator's department (Klantenservice) has no editor of its own; the demo editor is
    the editor for all departments, so the story does not wait unseen, and they were told."""
    from challenges import policies
    from people.models import Notification

    creator = Member.objects.get(email="creator@example.com")
    editor = Member.objects.get(email="editor@example.com")
    assert creator.department_id not in set(policies.staffed_department_ids().values_list("department_id", flat=True))
    waiting = Story.objects.get(creator=creator, status="submitted")
    assert waiting in selectors.review_queue(editor=editor)
    assert policies.can_review(editor, waiting)
    assert waiting.photo_consent_at is not None
    assert Notification.objects.filter(member=editor, kind="story_submitted").exists()
    assert selectors.story_reviewers(story=waiting).display == "Erik Editor and the Social Masters"
