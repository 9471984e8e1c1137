"""challenges/selectors/stories.py: my stories, the review queue, the public page and the
admin's list, each scoped to who asks."""

import datetime

import pytest
from django.utils import timezone

from challenges.models import StoryStatus
from challenges.selectors.stories import (
    admin_stories,
    find_story,
    my_stories,
    public_story,
    review_queue,
    review_queue_count,
)
from people.models import Role
from tests.factories import DepartmentFactory, MemberFactory

from ..factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_review_queue_oldest_first_in_the_editors_department(master, creator, editor, department):
    now = timezone.now()
    second = StoryFactory(creator=MemberFactory(role=Role.CREATOR, department=department), submitted_at=now)
    first = StoryFactory(creator=creator, submitted_at=now - datetime.timedelta(hours=1))
    elsewhere = StoryFactory(creator=MemberFactory(role=Role.CREATOR, department=DepartmentFactory()))
    StoryFactory(creator=creator, approved=True)
    assert list(review_queue(editor=editor)) == [first, second]
    assert review_queue_count(editor=editor) == 2
    assert elsewhere in review_queue(editor=master)
    assert not review_queue(editor=creator).exists()


def test_my_stories_whatever_their_status_newest_first(creator):
    now = timezone.now()
    old = StoryFactory(creator=creator, status=StoryStatus.REJECTED, submitted_at=now - datetime.timedelta(days=1))
    new = StoryFactory(creator=creator, submitted_at=now)
    StoryFactory()
    assert list(my_stories(member=creator)) == [new, old]


def test_the_public_page_shows_approved_stories_only():
    approved, waiting = StoryFactory(approved=True), StoryFactory()
    assert public_story(public_id=approved.public_id) == approved
    assert public_story(public_id=waiting.public_id) is None


def test_the_admin_lists_an_editors_department_and_everything_for_masters(master, creator, editor, other_department):
    ours = StoryFactory(creator=creator)
    theirs = StoryFactory(creator=MemberFactory(role=Role.CREATOR, department=other_department))
    assert list(admin_stories(member=editor)) == [ours]
    assert set(admin_stories(member=master)) == {ours, theirs}
    assert not admin_stories(member=MemberFactory(role=Role.EDITOR, department=None)).exists()


def test_find_story():
    story = StoryFactory()
    assert find_story(pk=story.pk) == story
    assert find_story(pk=story.pk + 1000) is None
