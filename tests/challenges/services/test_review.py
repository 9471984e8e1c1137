"""challenges/services/review.py: the editor's decisions (points once, the log, the
creator's original kept) and managers' compliments."""

import pytest

from challenges.errors import InvalidTransition
from challenges.models import ReviewDecision, Story, StoryStatus
from challenges.services.review import give_compliment, review_story
from challenges.services.stories import resubmit_story
from core.errors import InvalidInput, NotAllowed, NotFound
from people.models import Notification, Role
from tests.factories import MemberFactory

from ..conftest import points
from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_approve_awards_once_and_logs(creator, editor):
    challenge = ChallengeFactory(points_per_entry=15)
    story = StoryFactory(creator=creator, challenge=challenge)
    review_story(editor=editor, story=story, decision="approve")
    review_story(editor=editor, story=story, decision="approve")  # double click
    assert points(creator, "story_approved") == 10
    assert points(creator, f"challenge-{challenge.pk}-entry") == 15
    assert ReviewDecision.objects.filter(story=story).count() == 1
    assert Notification.objects.filter(member=creator, kind="story_approve").count() == 1
    with pytest.raises(InvalidTransition):
        review_story(editor=editor, story=story, decision="reject", feedback="No")


def test_edit_and_approve_keeps_the_original(creator, editor):
    story = review_story(
        editor=editor, story=StoryFactory(creator=creator, text="We has won"), decision="approve", text="We have won"
    )
    assert (story.original_text, story.text) == ("We has won", "We have won")
    assert story.was_edited and story.edited_by_editor
    assert ReviewDecision.objects.get(story=story).edited
    assert story.caption == "We have won"  # the suggested caption, unless the editor writes one


def test_the_editor_writes_and_fixes_the_caption(creator, editor):
    story = review_story(
        editor=editor,
        story=StoryFactory(creator=creator),
        decision="approve",
        caption=" Share this ",
        caption_fixed=True,
    )
    assert (story.caption, story.caption_fixed) == ("Share this", True)


def test_a_change_or_a_rejection_needs_words(creator, editor):
    story = StoryFactory(creator=creator)
    for decision in ("request_changes", "reject", "maybe"):
        with pytest.raises(InvalidInput):
            review_story(editor=editor, story=story, decision=decision)
    assert ReviewDecision.objects.count() == 0


def test_every_decision_is_logged_newest_first(creator, editor):
    story = StoryFactory(creator=creator, text="Draft")
    review_story(editor=editor, story=story, decision="request_changes", feedback="Add a photo")
    assert Notification.objects.get(member=creator, kind="story_request_changes").body.endswith("Add a photo")
    story = resubmit_story(member=creator, story=story, text="Better")
    review_story(editor=editor, story=story, decision="reject", feedback="Not on brand")
    decisions = list(ReviewDecision.objects.filter(story=story).values_list("decision", flat=True))
    assert decisions == ["reject", "request_changes"]
    assert Story.objects.get(pk=story.pk).status == StoryStatus.REJECTED


def test_editors_review_only_their_department(creator, other_department):
    story = StoryFactory(creator=creator)
    for not_theirs in (
        MemberFactory(role=Role.EDITOR, department=other_department),
        MemberFactory(department=creator.department),
    ):
        with pytest.raises(NotAllowed):
            review_story(editor=not_theirs, story=story, decision="approve")


def test_compliments_once_from_managers_to_a_colleague(master, creator, ambassador):
    story = StoryFactory(creator=creator, approved=True)
    with pytest.raises(NotAllowed):
        give_compliment(by=ambassador, story=story)
    _c, created = give_compliment(by=master, story=story, message="Great!")
    _c, again = give_compliment(by=master, story=story, message="Great!")
    assert (created, again) == (True, False)
    assert Notification.objects.filter(member=creator, kind="story_compliment").count() == 1


def test_no_compliment_for_a_waiting_story_or_ones_own(master, creator):
    with pytest.raises(NotFound):
        give_compliment(by=master, story=StoryFactory(creator=creator))
    with pytest.raises(InvalidInput):
        give_compliment(by=master, story=StoryFactory(creator=master, approved=True))
