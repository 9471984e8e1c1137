"""challenges/services/stories.py: who submits where, what a submission needs, the entry
limit, and sending a story again after the editor asked for a change. (Uploads through the
API: tests/challenges/test_uploads.py.)"""

import pytest

from challenges.errors import InvalidTransition
from challenges.models import StoryStatus
from challenges.selectors import review_queue
from challenges.services.stories import resubmit_story, submit_story
from core.errors import InvalidInput, NotAllowed, NotFound
from people.models import Notification, Role
from tests.factories import MemberFactory

from ..conftest import points, upload
from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_ambassadors_submit_only_where_a_challenge_allows_it(ambassador):
    with pytest.raises(NotAllowed):
        submit_story(member=ambassador, text="A moment")
    with pytest.raises(NotAllowed):
        submit_story(member=ambassador, text="A moment", challenge=ChallengeFactory())
    allowing = ChallengeFactory(open_to_all_members=True)
    story = submit_story(member=ambassador, text="A moment", challenge=allowing)
    assert story.status == StoryStatus.SUBMITTED
    assert (story.challenge, story.department, story.original_text) == (allowing, ambassador.department, "A moment")


def test_a_challenge_not_open_to_the_member_does_not_exist_for_them(creator, other_department):
    for challenge in (
        ChallengeFactory(draft=True),
        ChallengeFactory(audience="departments", departments=[other_department]),
    ):
        with pytest.raises(NotFound):
            submit_story(member=creator, text="x", challenge=challenge)


def test_empty_submission_is_refused(creator):
    with pytest.raises(InvalidInput):
        submit_story(member=creator, text="   ")


def test_a_link_must_be_a_web_address(creator):
    with pytest.raises(InvalidInput):
        submit_story(member=creator, link_url="javascript:alert(1)")
    assert submit_story(member=creator, link_url=" https://example.com/news ").link_url == "https://example.com/news"


def test_entries_per_member_and_a_rejected_entry_frees_its_place(creator):
    challenge = ChallengeFactory(entries_per_member=1)
    first = submit_story(member=creator, text="One", challenge=challenge)
    with pytest.raises(InvalidTransition) as refused:
        submit_story(member=creator, text="Two", challenge=challenge)
    assert refused.value.code == "entries_used_up"
    first.status = StoryStatus.REJECTED
    first.save()
    assert submit_story(member=creator, text="Two", challenge=challenge).status == StoryStatus.SUBMITTED


def test_photo_challenge_needs_a_photo(creator):
    challenge = ChallengeFactory(kind="photo", entries_per_member=2)
    with pytest.raises(InvalidInput):
        submit_story(member=creator, text="No photo", challenge=challenge)
    story = submit_story(member=creator, images=[upload()], challenge=challenge, photo_consent=True)
    assert story.images.count() == 1


def test_the_departments_editors_are_told_in_the_app(creator, editor, other_department):
    elsewhere = MemberFactory(role=Role.EDITOR, department=other_department)
    submit_story(member=creator, text="First")
    submit_story(member=creator, text="Second")
    told = Notification.objects.filter(member=editor, kind="story_submitted")
    assert told.count() == 2 and told.filter(email_due_at__isnull=True).count() == 2
    assert not Notification.objects.filter(member=elsewhere).exists()


def test_resubmit_after_changes_returns_to_the_queue(creator, editor):
    story = StoryFactory(creator=creator, text="Draft", status=StoryStatus.CHANGES_REQUESTED)
    assert not review_queue(editor=editor).exists()
    story = resubmit_story(member=creator, story=story, text="Better", images=[upload()], photo_consent=True)
    assert list(review_queue(editor=editor)) == [story]
    assert (story.status, story.text, story.original_text) == (StoryStatus.SUBMITTED, "Better", "Better")
    assert story.images.count() == 1
    assert points(creator) == 0  # proposing pays only once approved


def test_only_the_creator_resubmits_and_only_after_a_change_was_asked(creator, ambassador):
    asked = StoryFactory(creator=creator, status=StoryStatus.CHANGES_REQUESTED)
    with pytest.raises(NotFound):
        resubmit_story(member=ambassador, story=asked, text="Mine now")
    waiting = StoryFactory(creator=creator)
    with pytest.raises(InvalidTransition):
        resubmit_story(member=creator, story=waiting, text="Again")
