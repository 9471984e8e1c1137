"""A challenge's state follows the clock when it is read: members see a scheduled challenge
open from its opening time (and can enter it) and an open one closed from its closing time,
even when the opening and closing task has not run yet."""

import datetime

import pytest
from django.utils import timezone

from challenges import services
from challenges.models import Challenge, ChallengeState
from people.models import Role
from tests.factories import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture
def late_task_challenges(master):
    """One challenge whose opening time passed a minute ago and one whose closing time did,
    both left as the (late) task would find them."""
    now = timezone.now()
    due = Challenge.objects.create(
        title="Due",
        kind="story",
        state=ChallengeState.SCHEDULED,
        created_by=master,
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(days=3),
    )
    over = Challenge.objects.create(
        title="Over",
        kind="story",
        state=ChallengeState.OPEN,
        created_by=master,
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now - datetime.timedelta(minutes=1),
    )
    later = Challenge.objects.create(
        title="Later",
        kind="story",
        state=ChallengeState.SCHEDULED,
        created_by=master,
        opens_at=now + datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=3),
    )
    return due, over, later


def test_members_see_it_open_from_its_time_without_the_task(late_task_challenges, api_for, client_for):
    due, over, later = late_task_challenges
    member = MemberFactory(role=Role.AMBASSADOR)
    api = api_for(member)
    assert api.get(f"/api/v1/challenges/{due.pk}/").json()["state"] == "open"
    assert api.get(f"/api/v1/challenges/{over.pk}/").json()["state"] == "closed"
    assert api.get(f"/api/v1/challenges/{later.pk}/").status_code == 404
    listed = [c["id"] for c in api.get("/api/v1/challenges/?state=open").json()["results"]]
    assert listed == [due.pk]
    page = client_for(member).get(f"/challenges/{due.pk}/")
    assert page.status_code == 200 and 'data-testid="countdown"' in page.content.decode()
    due.refresh_from_db()
    assert due.state == ChallengeState.SCHEDULED  # reading changed nothing; the task still will


def test_a_member_enters_a_due_challenge_and_the_task_opens_it_later(late_task_challenges):
    due, _over, _later = late_task_challenges
    creator = MemberFactory(role=Role.CREATOR)
    story = services.submit_story(member=creator, title="Entry", text="Our moment", challenge=due)
    assert story.challenge_id == due.pk
    services.open_and_close_due()
    due.refresh_from_db()
    assert due.state == ChallengeState.OPEN


def test_closing_a_due_challenge_opens_it_first(late_task_challenges, master):
    due, _over, _later = late_task_challenges
    closed = services.close_challenge(by=master, challenge=due)
    assert closed.state in (ChallengeState.CLOSED, ChallengeState.JUDGED) and closed.opened_at is not None
