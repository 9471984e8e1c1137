"""The challenges side of the content plan: a challenge spawns planned items, and a story's
submission, approval and first share move the item it was written for."""

import pytest

from challenges.models import Decision
from challenges.services.planning import plan_challenge
from challenges.services.review import review_story
from challenges.services.sharing import share_story
from challenges.services.stories import submit_story
from core.errors import NotAllowed
from people.models import Role
from strategy.models import PlanItem, PlanStatus
from tests.challenges.factories import ChallengeFactory
from tests.factories import DepartmentFactory, MemberFactory
from tests.strategy.factories import PlanItemFactory

pytestmark = pytest.mark.django_db


def test_a_department_challenge_plans_an_item_per_creator_once():
    department = DepartmentFactory()
    creators = [MemberFactory(role=Role.CREATOR, department=department) for _ in range(2)]
    MemberFactory(role=Role.AMBASSADOR, department=department)
    challenge = ChallengeFactory(department=department, title="Deel een succes")
    master = MemberFactory(role=Role.MASTER)
    items, added = plan_challenge(by=master, challenge=challenge)
    assert added == 2 and sorted(i.owner_id for i in items) == sorted(c.pk for c in creators)
    _again, added_again = plan_challenge(by=master, challenge=challenge)
    assert added_again == 0
    assert {i.title for i in items} == {"Deel een succes"}


def test_only_who_manages_the_challenge_plans_it():
    with pytest.raises(NotAllowed):
        plan_challenge(by=MemberFactory(role=Role.CREATOR), challenge=ChallengeFactory())
    assert not PlanItem.objects.exists()


def test_the_item_follows_its_story_from_submission_to_share(client_for):
    creator = MemberFactory(role=Role.CREATOR)
    item = PlanItemFactory(owner=creator, status=PlanStatus.IN_PROGRESS)
    story = submit_story(member=creator, text="Ons team op de beurs", plan_item_id=item.pk)
    item.refresh_from_db()
    assert (item.story_id, item.status) == (story.pk, PlanStatus.SUBMITTED)
    editor = MemberFactory(role=Role.EDITOR, department=creator.department)
    story = review_story(editor=editor, story=story, decision=Decision.APPROVE)
    item.refresh_from_db()
    assert item.status == PlanStatus.APPROVED
    share_story(member=MemberFactory(), story=story, network="linkedin")
    item.refresh_from_db()
    assert item.status == PlanStatus.SHARED


def test_the_manage_page_plans_a_challenge(client_for):
    master = MemberFactory(role=Role.MASTER)
    challenge = ChallengeFactory()
    client = client_for(master)
    assert 'data-testid="plan-challenge"' in client.get(f"/challenges/manage/{challenge.pk}/").content.decode()
    response = client.post(f"/challenges/manage/{challenge.pk}/plan/")
    assert response.status_code == 302 and response.url.startswith("/plan/")
    assert PlanItem.objects.get().challenge_id == challenge.pk


def test_the_board_links_an_owner_to_write_the_story_and_the_story_links_back(client_for):
    from django.utils import timezone

    creator = MemberFactory(role=Role.CREATOR)
    item = PlanItemFactory(owner=creator, due=timezone.localdate())
    client = client_for(creator)
    assert f"/stories/new/?plan_item={item.pk}" in client.get("/plan/").content.decode()
    response = client.post(f"/stories/new/?plan_item={item.pk}", {"title": "Beurs", "text": "Ons team op de beurs"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == PlanStatus.SUBMITTED and item.story_id
