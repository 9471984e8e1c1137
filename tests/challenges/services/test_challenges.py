"""challenges/services/challenges.py: launching, the state machine, the every-minute task,
and the winners (ties, teams, who may win)."""

import datetime

import pytest
from django.utils import timezone

from challenges.errors import InvalidTransition
from challenges.models import Challenge, ChallengeState
from challenges.services.challenges import (
    close_challenge,
    create_challenge,
    judge_challenge,
    open_and_close_due,
    open_challenge,
    schedule_challenge,
    unschedule_challenge,
    update_challenge,
)
from challenges.services.sharing import share_story
from core.errors import Busy, InvalidInput, NotAllowed
from gamification.models import BadgeAward, BadgeClass, PointsEntry
from people.models import Notification, Role
from tests.factories import MemberFactory

from ..conftest import points
from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def later(**delta) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)


# --- launching and editing ------------------------------------------------------------


def test_create_challenge_returns_a_draft(master):
    challenge = create_challenge(by=master, title="Trade fair", kind="photo", opens_at=later(), closes_at=later(days=3))
    assert challenge.state == ChallengeState.DRAFT
    assert challenge.created_by == master


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.CREATOR, Role.EDITOR])
def test_only_masters_and_activators_launch(role, department):
    member = MemberFactory(role=role, department=department)
    with pytest.raises(NotAllowed):
        create_challenge(by=member, title="x", kind="story", opens_at=later(), closes_at=later(days=1))


def test_an_activator_launches_for_their_own_department_only(department, other_department):
    activator = MemberFactory(role=Role.ACTIVATOR, department=department)
    challenge = create_challenge(
        by=activator,
        title="Our team",
        kind="story",
        opens_at=later(),
        closes_at=later(days=1),
        audience="everyone",
        departments=[other_department],
    )
    assert challenge.department == department
    assert challenge.audience == "departments"
    assert list(challenge.departments.all()) == [department]
    with pytest.raises(NotAllowed):
        schedule_challenge(by=activator, challenge=ChallengeFactory(draft=True))


@pytest.mark.clock
def test_closing_must_be_after_opening(master):
    now = timezone.now()
    with pytest.raises(InvalidInput):
        create_challenge(by=master, title="x", kind="story", opens_at=now, closes_at=now)


def test_brief_is_made_safe(master):
    def brief(text):
        return create_challenge(
            by=master, title="x", kind="story", brief=text, opens_at=later(), closes_at=later(days=1)
        )

    unsafe = brief('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">l</a></p>').brief
    assert "<script" not in unsafe and "onclick" not in unsafe and "javascript:" not in unsafe
    assert brief("One\n\nTwo").brief == "<p>One</p><p>Two</p>"


def test_a_draft_is_edited_until_it_opens(master, department):
    challenge = ChallengeFactory(draft=True, title="Old")
    challenge = update_challenge(
        by=master, challenge=challenge, title="New", audience="departments", departments=[department]
    )
    assert (challenge.title, list(challenge.departments.all())) == ("New", [department])
    with pytest.raises(InvalidInput):
        update_challenge(by=master, challenge=challenge, title=" ")
    assert Challenge.objects.get(pk=challenge.pk).title == "New"


# --- the state machine ----------------------------------------------------------------


def test_state_machine_and_invalid_transitions(master):
    challenge = ChallengeFactory(draft=True, opens_at=later(days=1))
    with pytest.raises(InvalidTransition):
        close_challenge(by=master, challenge=challenge)
    with pytest.raises(InvalidTransition):
        open_challenge(by=master, challenge=challenge)
    challenge = schedule_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.SCHEDULED
    with pytest.raises(InvalidTransition):
        schedule_challenge(by=master, challenge=challenge)
    challenge = open_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.OPEN
    assert challenge.opens_at <= timezone.now()
    with pytest.raises(InvalidTransition):
        update_challenge(by=master, challenge=challenge, title="Changed")
    challenge = close_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.JUDGED  # most points: judged at once
    with pytest.raises(InvalidTransition):
        close_challenge(by=master, challenge=challenge)


def test_scheduling_a_challenge_whose_start_has_come_opens_it(master):
    challenge = schedule_challenge(by=master, challenge=ChallengeFactory(draft=True))
    assert challenge.state == ChallengeState.OPEN
    late = ChallengeFactory(draft=True, opens_at=later(days=-3), closes_at=later(days=-1))
    with pytest.raises(InvalidTransition):
        schedule_challenge(by=master, challenge=late)


def test_unscheduling_returns_to_draft(master):
    challenge = ChallengeFactory(scheduled=True, opens_at=later(days=1))
    assert unschedule_challenge(by=master, challenge=challenge).state == ChallengeState.DRAFT
    with pytest.raises(InvalidTransition):
        unschedule_challenge(by=master, challenge=challenge)


@pytest.mark.clock
def test_the_task_opens_and_closes_on_time():
    now = timezone.now()
    challenge = ChallengeFactory(
        scheduled=True, opens_at=now + datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(hours=2)
    )
    assert open_and_close_due(now=now) == (0, 0)
    assert open_and_close_due(now=now + datetime.timedelta(minutes=61)) == (1, 0)
    assert Challenge.objects.get(pk=challenge.pk).state == ChallengeState.OPEN
    assert open_and_close_due(now=now + datetime.timedelta(minutes=121)) == (0, 1)
    assert Challenge.objects.get(pk=challenge.pk).state == ChallengeState.JUDGED
    # Running again changes nothing.
    assert open_and_close_due(now=now + datetime.timedelta(minutes=122)) == (0, 0)


def test_a_busy_challenge_waits_for_the_next_run_and_the_others_open(monkeypatch):
    from challenges.services import challenges as module

    past = timezone.now() - datetime.timedelta(minutes=1)
    busy, free = ChallengeFactory(scheduled=True, opens_at=past), ChallengeFactory(scheduled=True, opens_at=past)
    real_lock = module._lock

    def lock(pk):
        if pk == busy.pk:
            raise Busy("try again")
        return real_lock(pk)

    monkeypatch.setattr(module, "_lock", lock)
    assert open_and_close_due() == (1, 0)
    assert Challenge.objects.get(pk=free.pk).state == ChallengeState.OPEN
    assert Challenge.objects.get(pk=busy.pk).state == ChallengeState.SCHEDULED
    monkeypatch.setattr(module, "_lock", real_lock)
    assert open_and_close_due() == (1, 0)


# --- winners --------------------------------------------------------------------------


def test_ties_are_stated_and_winners_rewarded_once(master, department, editor):
    badge = BadgeClass.objects.create(slug="winner", name="Winnaar", description="x", criterion="manual")
    challenge = ChallengeFactory(winner_bonus=40, badge=badge)
    a, b, c = (MemberFactory(role=Role.CREATOR, department=department, display_name=name) for name in "ABC")
    for member in (a, b):
        StoryFactory(creator=member, challenge=challenge, approved_by=editor)
    StoryFactory(creator=c, challenge=challenge)  # still waiting for review
    challenge = close_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.JUDGED
    assert {w["name"] for w in challenge.winners} == {"A", "B"}
    assert [row["rank"] for row in challenge.standings] == [1, 1]
    for member, other in ((a, "B"), (b, "A")):
        assert points(member, "challenge_won") == 50
        assert points(member, f"challenge-{challenge.pk}-bonus") == 40
        assert BadgeAward.objects.filter(member=member, badge=badge).count() == 1
        # Each is told who they share first place with: the other winner, never themself.
        assert Notification.objects.get(member=member, kind="challenge_won").body == (
            f"Congratulations: you and {other} share first place in “{challenge.title}”."
        )
    assert Notification.objects.filter(member=c, kind="challenge_results").count() == 1
    with pytest.raises(InvalidTransition):
        close_challenge(by=master, challenge=challenge)
    assert PointsEntry.objects.filter(action="challenge_won").count() == 2


def test_judged_challenge_waits_for_the_master(master, creator, editor):
    challenge = ChallengeFactory(winner_rule="judged")
    StoryFactory(creator=creator, challenge=challenge, approved_by=editor)
    challenge = close_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.CLOSED
    assert Notification.objects.filter(member=master, kind="challenge_judge").exists()
    with pytest.raises(InvalidInput):
        judge_challenge(by=master, challenge=challenge, winner_ids=[master.pk])
    challenge = judge_challenge(by=master, challenge=challenge, winner_ids=[creator.pk])
    assert challenge.state == ChallengeState.JUDGED
    assert points(creator, "challenge_won") == 50
    with pytest.raises(InvalidTransition):
        judge_challenge(by=master, challenge=challenge, winner_ids=[creator.pk])


def test_team_challenge_departments_compete(master, department, other_department, editor):
    challenge = ChallengeFactory(participation="team")
    sales = [MemberFactory(role=Role.CREATOR, department=department) for _ in range(2)]
    finance_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    finance = MemberFactory(role=Role.CREATOR, department=other_department)
    for member in sales:
        StoryFactory(creator=member, challenge=challenge, approved_by=editor)
    StoryFactory(creator=finance, challenge=challenge, approved_by=finance_editor)
    challenge = close_challenge(by=master, challenge=challenge)
    assert [w["name"] for w in challenge.winners] == ["Sales"]
    for member in sales:
        assert points(member, "challenge_won") == 50
    assert points(finance, "challenge_won") == 0


def test_sharers_score_but_only_entrants_win_unless_it_is_a_share_challenge(master, creator, editor, ambassador):
    photo = ChallengeFactory(title="Photo")
    vacancy = ChallengeFactory(title="Share our vacancy", kind="share")
    entry = StoryFactory(creator=creator, challenge=photo, approved_by=editor)
    post = StoryFactory(
        creator=MemberFactory(role=Role.MASTER, department=creator.department),
        challenge=vacancy,
        text="We are hiring",
        approved_by=editor,
    )
    for network in ("linkedin", "x", "facebook", "whatsapp", "email"):  # 25 points each challenge
        share_story(member=ambassador, story=entry, network=network)
        share_story(member=ambassador, story=post, network=network)
    photo = close_challenge(by=master, challenge=photo)
    assert [w["member_id"] for w in photo.winners] == [creator.pk]
    vacancy = close_challenge(by=master, challenge=vacancy)
    assert ambassador.pk in [w["member_id"] for w in vacancy.winners]
