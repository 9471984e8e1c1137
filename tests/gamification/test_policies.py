"""Who may do what in gamification: Social Masters (and superusers) manage; everyone else
plays, and sees only who chose to be seen."""

import pytest

from gamification import policies
from people.models import LeaderboardVisibility, Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

MANAGING = (
    policies.can_correct_points,
    policies.can_award_badges,
    policies.can_revoke_badges,
    policies.can_judge_prizes,
    policies.sees_hidden_members,
)


@pytest.mark.parametrize("policy", MANAGING, ids=lambda policy: policy.__name__)
def test_only_masters_manage_gamification(policy):
    assert policy(MemberFactory(role=Role.MASTER))
    assert policy(MemberFactory(role=Role.AMBASSADOR, is_superuser=True))
    for others in ({"role": Role.AMBASSADOR}, {"role": Role.EDITOR}, {"role": Role.CREATOR, "is_hr": True}):
        assert not policy(MemberFactory(**others)), others


def test_nobody_judges_prizes_or_sees_hidden_members_anonymously():
    assert not policies.can_judge_prizes(None)
    assert not policies.sees_hidden_members(None)


@pytest.mark.parametrize(
    "visibility, public, colleague, themself, master",
    [
        (LeaderboardVisibility.VISIBLE, True, True, True, True),
        (LeaderboardVisibility.ANONYMOUS, False, False, True, True),
        (LeaderboardVisibility.HIDDEN, False, False, True, True),
    ],
)
def test_who_sees_a_members_name(visibility, public, colleague, themself, master):
    member = MemberFactory(leaderboard_visibility=visibility)
    assert policies.shows_name(member, viewer=None) is public
    assert policies.shows_name(member, viewer=MemberFactory()) is colleague
    assert policies.shows_name(member, viewer=member) is themself
    assert policies.shows_name(member, viewer=MemberFactory(role=Role.MASTER)) is master
