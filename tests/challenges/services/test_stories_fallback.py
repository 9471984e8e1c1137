"""challenges/services/stories.py with challenges/policies.py ``review_scope``: who reviews a
story and is told about it. A department with its own Social Editor: only them (and the
Masters, who may review everything but are not told); a department without one, or a
creator without a department: the Social Masters and the editors for all departments."""

import pytest

from challenges import policies
from challenges.selectors import review_queue
from challenges.services.stories import resubmit_story, submit_story
from people.models import Notification, Role
from tests.factories import DepartmentFactory, MemberFactory

from ..factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unstaffed():
    return DepartmentFactory(name="Klantenservice")


@pytest.fixture
def roaming(other_department):
    """An editor of another department who is also the editor for all departments."""
    return MemberFactory(
        role=Role.EDITOR, department=other_department, editor_for_all_departments=True, display_name="Roaming"
    )


def told(kind="story_submitted") -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("member_id", flat=True))


def test_without_a_department_editor_masters_and_editors_for_all_departments_see_and_are_told(
    master, editor, roaming, unstaffed
):
    creator = MemberFactory(role=Role.CREATOR, department=unstaffed)
    story = submit_story(member=creator, text="A happy customer")
    assert told() == {master.pk, roaming.pk}
    for reviewer in (master, roaming):
        assert policies.can_review(reviewer, story)
        assert list(review_queue(editor=reviewer)) == [story]
    # The Sales editor (not for all departments) neither sees it nor may review it.
    assert not policies.can_review(editor, story)
    assert list(review_queue(editor=editor)) == []


def test_with_a_department_editor_only_they_are_told_and_the_fallback_editor_does_not_see_it(
    master, editor, roaming, creator
):
    story = submit_story(member=creator, text="A sale")
    assert told() == {editor.pk}
    assert policies.can_review(editor, story)
    assert not policies.can_review(roaming, story)
    assert list(review_queue(editor=roaming)) == []
    assert list(review_queue(editor=editor)) == [story]
    # The Master may still review everything (the programme's owner), but is not told.
    assert policies.can_review(master, story)


def test_a_creator_without_a_department_falls_back_too(master, roaming):
    creator = MemberFactory(role=Role.CREATOR, department=None)
    story = submit_story(member=creator, text="No department")
    assert told() == {master.pk, roaming.pk}
    assert list(review_queue(editor=roaming)) == [story]
    assert policies.can_review(roaming, story)


def test_an_inactive_editor_does_not_staff_a_department(master, roaming, unstaffed):
    MemberFactory(role=Role.EDITOR, department=unstaffed, is_active=False)
    story = submit_story(member=MemberFactory(role=Role.CREATOR, department=unstaffed), text="x")
    assert told() == {master.pk, roaming.pk}
    assert policies.can_review(roaming, story)


def test_the_fallback_ends_when_the_department_gets_an_editor(master, roaming, unstaffed):
    story = StoryFactory(department=unstaffed)
    assert list(review_queue(editor=roaming)) == [story]
    own = MemberFactory(role=Role.EDITOR, department=unstaffed)
    assert list(review_queue(editor=roaming)) == []
    assert list(review_queue(editor=own)) == [story]
    fresh = type(roaming).objects.get(pk=roaming.pk)  # the staffed departments are read once per member object
    assert not policies.can_review(fresh, story)


def test_queue_and_can_review_agree_for_every_reviewer(master, editor, roaming, unstaffed, other_department):
    stories = [
        StoryFactory(department=editor.department),
        StoryFactory(department=other_department),
        StoryFactory(department=unstaffed),
        StoryFactory(department=None),
    ]
    plain_editor_elsewhere = MemberFactory(role=Role.EDITOR, department=None)
    ambassador = MemberFactory(role=Role.AMBASSADOR, department=unstaffed, editor_for_all_departments=True)
    for member in (master, editor, roaming, plain_editor_elsewhere, ambassador):
        queue = {s.pk for s in review_queue(editor=member)}
        allowed = {s.pk for s in stories if policies.can_review(member, s)}
        assert queue == allowed, member
    assert {s.pk for s in review_queue(editor=roaming)} == {stories[1].pk, stories[2].pk, stories[3].pk}


def test_sending_again_tells_the_same_reviewers(master, roaming, unstaffed):
    creator = MemberFactory(role=Role.CREATOR, department=unstaffed)
    story = StoryFactory(creator=creator, department=unstaffed, status="changes_requested")
    resubmit_story(member=creator, story=story, text="Better now")
    assert told() == {master.pk, roaming.pk}


def test_can_review_asks_one_query_per_member_for_a_list(roaming, unstaffed, django_assert_max_num_queries):
    stories = [StoryFactory(department=unstaffed) for _ in range(5)]
    with django_assert_max_num_queries(1):
        assert all(policies.can_review(roaming, s) for s in stories)
