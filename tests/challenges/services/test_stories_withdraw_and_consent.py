"""challenges/services/stories.py: ``withdraw_story`` (own only, only while waiting, twice is
once, out of the queue, no longer an entry) and the photo consent a submission with photos
needs (``photo_consent_required``)."""

import pytest
from django.utils import timezone

from challenges.errors import InvalidTransition
from challenges.models import StoryStatus
from challenges.selectors import review_queue
from challenges.services import review_story
from challenges.services.stories import resubmit_story, submit_story, withdraw_story
from core.errors import InvalidInput, NotFound
from people.models import Role
from tests.factories import MemberFactory

from ..conftest import upload
from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_the_creator_withdraws_a_waiting_story_and_it_leaves_the_queue(creator, editor):
    story = submit_story(member=creator, text="Oops, not yet")
    assert list(review_queue(editor=editor)) == [story]
    withdrawn = withdraw_story(member=creator, story=story)
    assert withdrawn.status == StoryStatus.WITHDRAWN
    assert withdrawn.withdrawn_at is not None
    assert list(review_queue(editor=editor)) == []


def test_withdrawing_twice_is_once(creator):
    story = StoryFactory(creator=creator)
    first = withdraw_story(member=creator, story=story)
    again = withdraw_story(member=creator, story=story)  # the stale object of a double click
    assert again.status == StoryStatus.WITHDRAWN
    assert again.withdrawn_at == first.withdrawn_at


def test_someone_elses_story_does_not_exist_for_the_member(creator, editor, master):
    story = StoryFactory()
    for member in (creator, editor, master):
        with pytest.raises(NotFound):
            withdraw_story(member=member, story=story)
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED


@pytest.mark.parametrize("status", [StoryStatus.APPROVED, StoryStatus.REJECTED, StoryStatus.CHANGES_REQUESTED])
def test_a_reviewed_story_cannot_be_withdrawn(creator, status):
    story = StoryFactory(creator=creator, status=status)
    with pytest.raises(InvalidTransition) as error:
        withdraw_story(member=creator, story=story)
    assert error.value.code == "story_already_reviewed"
    assert error.value.status_code == 409
    story.refresh_from_db()
    assert story.status == status


def test_a_review_after_the_withdrawal_is_refused(creator, editor):
    story = StoryFactory(creator=creator, department=creator.department)
    withdraw_story(member=creator, story=story)
    with pytest.raises(InvalidTransition) as error:
        review_story(editor=editor, story=story, decision="approve")
    assert error.value.code == "story_withdrawn"


def test_a_withdrawal_after_the_review_is_refused(creator, editor):
    story = StoryFactory(creator=creator, department=creator.department)
    review_story(editor=editor, story=story, decision="approve")  # ``story`` is stale: it still says submitted
    with pytest.raises(InvalidTransition):
        withdraw_story(member=creator, story=story)


def test_a_withdrawn_entry_frees_its_place_in_the_challenge(creator):
    challenge = ChallengeFactory(entries_per_member=1)
    story = submit_story(member=creator, text="First try", challenge=challenge)
    withdraw_story(member=creator, story=story)
    again = submit_story(member=creator, text="Second try", challenge=challenge)
    assert again.status == StoryStatus.SUBMITTED


# --- photo consent --------------------------------------------------------------------


def test_photos_need_the_consent_of_the_people_in_them(creator):
    with pytest.raises(InvalidInput) as error:
        submit_story(member=creator, text="Team photo", images=[upload()])
    assert error.value.code == "photo_consent_required"
    assert not creator.stories.exists()


def test_the_consent_is_stored_with_its_time(creator):
    before = timezone.now()
    story = submit_story(member=creator, text="Team photo", images=[upload()], photo_consent=True)
    assert story.photo_consent_at is not None and story.photo_consent_at >= before


def test_no_photo_needs_no_consent(creator):
    story = submit_story(member=creator, text="Words only")
    assert story.photo_consent_at is None


def test_new_photos_sent_again_need_consent_again(creator):
    story = StoryFactory(creator=creator, status=StoryStatus.CHANGES_REQUESTED)
    with pytest.raises(InvalidInput) as error:
        resubmit_story(member=creator, story=story, images=[upload()])
    assert error.value.code == "photo_consent_required"
    sent = resubmit_story(member=creator, story=story, images=[upload()], photo_consent=True)
    assert sent.photo_consent_at is not None


def test_an_ambassador_entry_with_a_photo_needs_consent_too(department):
    ambassador = MemberFactory(role=Role.AMBASSADOR, department=department)
    challenge = ChallengeFactory(open_to_all_members=True, kind="photo")
    with pytest.raises(InvalidInput):
        submit_story(member=ambassador, images=[upload()], challenge=challenge)
