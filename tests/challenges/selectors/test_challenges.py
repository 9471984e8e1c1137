"""challenges/selectors/challenges.py: the audience in SQL (agreeing with the policy), what
members and managers see, and the standings."""

import pytest

from challenges import policies
from challenges.models import Challenge, StoryStatus
from challenges.selectors.challenges import (
    audience_q,
    managed_challenges,
    my_entries,
    open_challenges,
    standings,
    visible_challenges,
)
from challenges.services.sharing import share_story
from people.models import Role
from tests.factories import LocationFactory, MemberFactory

from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def audiences(department, other_department):
    location = LocationFactory(name="Utrecht")
    members = {
        "sales": MemberFactory(department=department, location=location),
        "finance": MemberFactory(department=other_department, in_pilot=True),
        "creator": MemberFactory(role=Role.CREATOR, department=other_department),
    }
    ChallengeFactory(title="Everyone")
    ChallengeFactory(title="Sales", audience="departments", departments=[department])
    ChallengeFactory(title="Utrecht", audience="locations", locations=[location])
    ChallengeFactory(title="Pilot", audience="pilot")
    ChallengeFactory(title="Creators", audience="roles", role_list=["creator"])
    ChallengeFactory(title="Draft", draft=True)
    return members


def test_members_see_open_challenges_for_their_audience_only(audiences):
    def titles(member):
        return {c.title for c in open_challenges(member=member)}

    assert titles(audiences["sales"]) == {"Everyone", "Sales", "Utrecht"}
    assert titles(audiences["finance"]) == {"Everyone", "Pilot"}
    assert titles(audiences["creator"]) == {"Everyone", "Creators"}


def test_the_sql_audience_agrees_with_the_policy(audiences):
    for member in audiences.values():
        in_sql = set(Challenge.objects.filter(audience_q(member)).values_list("pk", flat=True))
        asked = {c.pk for c in Challenge.objects.all() if policies.in_audience(member, c)}
        assert in_sql == asked


def test_drafts_are_for_masters_and_their_departments_activator(master, audiences, department):
    activator = MemberFactory(role=Role.ACTIVATOR, department=department)
    ours = ChallengeFactory(title="Ours", draft=True, department=department)
    assert "Draft" in {c.title for c in visible_challenges(member=master)}
    assert "Draft" not in {c.title for c in visible_challenges(member=audiences["sales"])}
    assert ours in visible_challenges(member=activator)
    assert ours not in visible_challenges(member=audiences["sales"])


def test_managers_see_their_challenges_with_entry_counts(master, department, other_department):
    activator = MemberFactory(role=Role.ACTIVATOR, department=department)
    ours = ChallengeFactory(department=department)
    theirs = ChallengeFactory(department=other_department)
    StoryFactory(challenge=ours)
    StoryFactory(challenge=ours, approved=True)
    assert list(managed_challenges(member=activator)) == [ours]
    counted = managed_challenges(member=master).get(pk=ours.pk)
    assert (counted.entries, counted.approved) == (2, 1)
    assert theirs in managed_challenges(member=master)
    assert not managed_challenges(member=MemberFactory(role=Role.ACTIVATOR, department=None)).exists()


def test_my_entries_are_mine_with_my_count(creator):
    challenge = ChallengeFactory(entries_per_member=3)
    mine = [StoryFactory(creator=creator, challenge=challenge) for _ in range(2)]
    StoryFactory(creator=creator, challenge=challenge, status=StoryStatus.REJECTED)
    StoryFactory(challenge=challenge)
    assert set(my_entries(member=creator, challenge=challenge)) >= set(mine)
    assert my_entries(member=creator, challenge=challenge).count() == 3
    assert visible_challenges(member=creator).get(pk=challenge.pk).my_entries == 2  # a rejected one is not counted


def test_standings_rank_equal_scores_together(department, editor):
    challenge = ChallengeFactory()
    a, b, c = (MemberFactory(department=department, display_name=name) for name in "ABC")
    entry = StoryFactory(creator=a, challenge=challenge, approved_by=editor)  # 10 approved + 10 entry
    StoryFactory(creator=b, challenge=challenge, approved_by=editor)
    StoryFactory(creator=c, challenge=challenge, approved=True)  # approved without points
    share_story(member=c, story=entry, network="x")  # 5 on the challenge's board
    rows = standings(challenge=challenge)
    assert [(row["name"], row["score"], row["rank"]) for row in rows] == [("A", 20, 1), ("B", 20, 1), ("C", 5, 3)]
