"""challenges/services/challenges.py, the winners' announcement: a tied winner is told who
they share first place with, never themself, with the plural right in Dutch and English."""

import pytest

from challenges.services import close_challenge
from people.models import Notification, Role
from tests.factories import MemberFactory

from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def won(member) -> str:
    return Notification.objects.get(member=member, kind="challenge_won").body


def test_three_tied_winners_each_read_the_two_others_in_their_language(master, department, editor):
    challenge = ChallengeFactory(title="Vakbeurs")
    anna = MemberFactory(role=Role.CREATOR, department=department, display_name="Anna", language="nl")
    bram = MemberFactory(role=Role.CREATOR, department=department, display_name="Bram", language="en")
    cees = MemberFactory(role=Role.CREATOR, department=department, display_name="Cees", language="nl")
    for member in (anna, bram, cees):
        StoryFactory(creator=member, challenge=challenge, approved_by=editor)
    close_challenge(by=master, challenge=challenge)
    assert won(anna) == "Gefeliciteerd: jij en 2 anderen (Bram en Cees) delen de eerste plaats in “Vakbeurs”."
    assert won(bram) == "Congratulations: you and 2 others (Anna and Cees) share first place in “Vakbeurs”."
    assert won(cees) == "Gefeliciteerd: jij en 2 anderen (Anna en Bram) delen de eerste plaats in “Vakbeurs”."


def test_two_tied_winners_in_dutch(master, department, editor):
    challenge = ChallengeFactory(title="Vakbeurs")
    anna, bram = (
        MemberFactory(role=Role.CREATOR, department=department, display_name=name, language="nl")
        for name in ("Anna", "Bram")
    )
    for member in (anna, bram):
        StoryFactory(creator=member, challenge=challenge, approved_by=editor)
    close_challenge(by=master, challenge=challenge)
    assert won(anna) == "Gefeliciteerd: jij en Bram delen de eerste plaats in “Vakbeurs”."
    assert "Anna" not in won(anna)


def test_a_single_winner_is_not_told_of_a_tie(master, creator, editor):
    challenge = ChallengeFactory(title="Solo")
    StoryFactory(creator=creator, challenge=challenge, approved_by=editor)
    close_challenge(by=master, challenge=challenge)
    assert won(creator) == "Congratulations: you won “Solo”."


def test_tied_teams_are_told_the_other_department_not_their_own(master, department, other_department, editor):
    challenge = ChallengeFactory(participation="team", title="Team")
    finance_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    sales = MemberFactory(role=Role.CREATOR, department=department)
    finance = MemberFactory(role=Role.CREATOR, department=other_department)
    StoryFactory(creator=sales, challenge=challenge, approved_by=editor)
    StoryFactory(creator=finance, challenge=challenge, approved_by=finance_editor)
    challenge = close_challenge(by=master, challenge=challenge)
    assert {w["name"] for w in challenge.winners} == {"Sales", "Finance"}
    assert won(sales) == "Congratulations: you and Finance share first place in “Team”."
    assert won(finance) == "Congratulations: you and Sales share first place in “Team”."
