"""challenges/policies.py: who may do what, and the refusals the services raise."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from challenges import policies
from challenges.models import StoryStatus
from core.errors import InvalidInput, NotAllowed, NotFound
from people.models import Role
from tests.factories import LocationFactory, MemberFactory

from .factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db

ROLES = [Role.AMBASSADOR, Role.CREATOR, Role.EDITOR, Role.ACTIVATOR, Role.MASTER]


@pytest.fixture
def members(department):
    return {role: MemberFactory(role=role, department=department) for role in ROLES}


def test_who_launches_challenges(members):
    assert {r for r, m in members.items() if policies.can_launch_challenges(m)} == {Role.ACTIVATOR, Role.MASTER}
    assert not policies.can_launch_challenges(MemberFactory(role=Role.ACTIVATOR, department=None))
    assert not policies.can_launch_challenges(AnonymousUser())
    with pytest.raises(NotAllowed, match="launches challenges"):
        policies.check_launch_challenges(members[Role.EDITOR])


def test_who_manages_a_challenge(members, department, other_department):
    ours, theirs = ChallengeFactory(department=department), ChallengeFactory(department=other_department)
    activator, master = members[Role.ACTIVATOR], members[Role.MASTER]
    assert policies.can_manage_challenge(activator, ours) and not policies.can_manage_challenge(activator, theirs)
    assert policies.can_manage_challenge(master, theirs)
    assert policies.can_see_standings(activator, ours) and not policies.can_see_standings(members[Role.CREATOR], ours)
    assert not policies.can_manage_challenge(AnonymousUser(), ours)
    with pytest.raises(NotAllowed, match="manages challenges"):
        policies.check_manage_challenge(activator, theirs)


def test_the_audience(department, other_department):
    location = LocationFactory()
    sales = MemberFactory(department=department, location=location, role=Role.CREATOR)
    pilot = MemberFactory(department=other_department, in_pilot=True)
    cases = [
        (ChallengeFactory(), sales, True),
        (ChallengeFactory(audience="departments", departments=[department]), pilot, False),
        (ChallengeFactory(audience="locations", locations=[location]), sales, True),
        (ChallengeFactory(audience="pilot"), sales, False),
        (ChallengeFactory(audience="pilot"), pilot, True),
        (ChallengeFactory(audience="roles", role_list=["creator"]), sales, True),
        (ChallengeFactory(audience="roles", role_list=["creator"]), pilot, False),
    ]
    for challenge, member, expected in cases:
        assert policies.in_audience(member, challenge) is expected


def test_who_enters_a_challenge(members, other_department):
    creator, ambassador = members[Role.CREATOR], members[Role.AMBASSADOR]
    open_ = ChallengeFactory()
    assert policies.can_enter_challenge(creator, open_)
    assert not policies.can_enter_challenge(ambassador, open_)
    assert policies.can_enter_challenge(ambassador, ChallengeFactory(open_to_all_members=True))
    with pytest.raises(NotAllowed, match="Only Social Creators"):
        policies.check_enter_challenge(ambassador, open_)
    after = open_.closes_at + datetime.timedelta(seconds=1)
    closed_by_time = [
        (open_, after),
        (ChallengeFactory(scheduled=True), timezone.now()),
        (ChallengeFactory(audience="departments", departments=[other_department]), timezone.now()),
    ]
    for challenge, now in closed_by_time:
        assert not policies.can_enter_challenge(creator, challenge, now)
        with pytest.raises(NotFound, match="not open for you"):
            policies.check_enter_challenge(creator, challenge, now)


def test_creators_and_up_share_moments(members):
    assert {r for r, m in members.items() if policies.can_share_moments(m)} == set(ROLES) - {Role.AMBASSADOR}
    with pytest.raises(NotAllowed, match="share moments"):
        policies.check_share_moments(members[Role.AMBASSADOR])


def test_who_reviews(members, other_department):
    ours = StoryFactory(creator=members[Role.CREATOR])
    theirs = StoryFactory(creator=MemberFactory(role=Role.CREATOR, department=other_department))
    editor = members[Role.EDITOR]
    assert policies.can_review(editor, ours) and not policies.can_review(editor, theirs)
    assert policies.can_review(members[Role.MASTER], theirs)
    assert not policies.can_review(members[Role.ACTIVATOR], ours)
    assert {r for r, m in members.items() if policies.can_use_review_queue(m)} == {Role.EDITOR, Role.MASTER}
    with pytest.raises(NotAllowed, match="reviews it"):
        policies.check_review(editor, theirs)


def test_who_sees_a_story_and_its_feedback(members, other_department):
    creator, editor, ambassador = members[Role.CREATOR], members[Role.EDITOR], members[Role.AMBASSADOR]
    waiting = StoryFactory(creator=creator)
    approved = StoryFactory(creator=creator, approved=True)
    outsider_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    assert policies.can_see_story(creator, waiting) and policies.can_see_story(editor, waiting)
    assert not policies.can_see_story(ambassador, waiting) and not policies.can_see_story(outsider_editor, waiting)
    assert policies.can_see_story(ambassador, approved)
    assert policies.can_see_feedback(creator, approved) and policies.can_see_feedback(editor, approved)
    assert not policies.can_see_feedback(ambassador, approved)
    with pytest.raises(NotFound):
        policies.check_own_story(ambassador, approved)


def test_compliments_and_shares(members):
    creator, activator, ambassador = members[Role.CREATOR], members[Role.ACTIVATOR], members[Role.AMBASSADOR]
    approved = StoryFactory(creator=creator, approved=True)
    assert {r for r, m in members.items() if policies.can_compliment(m)} == {Role.ACTIVATOR, Role.MASTER}
    policies.check_compliment(activator, approved)
    with pytest.raises(NotAllowed):
        policies.check_compliment(ambassador, approved)
    with pytest.raises(InvalidInput):
        policies.check_compliment(activator, StoryFactory(creator=activator, approved=True))
    waiting = StoryFactory(creator=creator, status=StoryStatus.SUBMITTED)
    with pytest.raises(NotFound):
        policies.check_compliment(activator, waiting)
    policies.check_share(ambassador, approved)
    with pytest.raises(NotFound):
        policies.check_share(ambassador, waiting)
