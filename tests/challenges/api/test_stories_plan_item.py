"""A story written for a planned item of the content plan, through ``POST /api/v1/stories/``
(``plan_item``) as the web form does with ``?plan_item=``: the item moves to "submitted" and
the story answers which item it was written for."""

import pytest

from challenges.models import Story
from people.models import Role
from strategy.models import PlanStatus
from tests.factories import MemberFactory
from tests.strategy.factories import PlanItemFactory

from ..factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_a_story_for_my_planned_item_links_it_and_moves_it_to_submitted(creator, api_for):
    item = PlanItemFactory(owner=creator, status=PlanStatus.IN_PROGRESS)
    response = api_for(creator).post("/api/v1/stories/", {"text": "Ons team", "plan_item": item.pk}, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["plan_item"] == item.pk
    item.refresh_from_db()
    assert (item.story_id, item.status) == (body["id"], PlanStatus.SUBMITTED)
    # Read back, and in my list.
    api = api_for(creator)
    assert api.get(f"/api/v1/stories/{body['id']}/").json()["plan_item"] == item.pk
    mine = api.get("/api/v1/stories/?mine=1").json()["results"]
    assert [s["plan_item"] for s in mine] == [item.pk]


def test_without_plan_item_the_story_answers_null(creator, api_for):
    response = api_for(creator).post("/api/v1/stories/", {"text": "Los verhaal"}, format="multipart")
    assert response.status_code == 201 and response.json()["plan_item"] is None


@pytest.mark.parametrize("whose", ["someone_else", "missing"])
def test_an_item_not_mine_or_not_there_is_400_and_nothing_is_stored(creator, api_for, whose):
    other = PlanItemFactory(owner=MemberFactory(role=Role.CREATOR, department=creator.department))
    pk = other.pk if whose == "someone_else" else 999999
    response = api_for(creator).post("/api/v1/stories/", {"text": "Ons team", "plan_item": pk}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_plan_item"
    assert not Story.objects.filter(creator=creator).exists()
    other.refresh_from_db()
    assert other.story_id is None and other.status == PlanStatus.PLANNED


def test_an_item_with_a_story_already_is_400_and_nothing_is_stored(creator, api_for):
    first = StoryFactory(creator=creator)
    item = PlanItemFactory(owner=creator, status=PlanStatus.SUBMITTED, story_id=first.pk)
    response = api_for(creator).post("/api/v1/stories/", {"text": "Nog een", "plan_item": item.pk}, format="multipart")
    assert response.status_code == 400 and response.json()["code"] == "plan_item_taken"
    assert Story.objects.filter(creator=creator).count() == 1
    item.refresh_from_db()
    assert item.story_id == first.pk


@pytest.mark.parametrize("value", ["abc", "0", "-3"])
def test_a_malformed_plan_item_is_400(creator, api_for, value):
    response = api_for(creator).post("/api/v1/stories/", {"text": "x", "plan_item": value}, format="multipart")
    assert response.status_code == 400 and "plan_item" in response.json()["errors"]
    assert not Story.objects.filter(creator=creator).exists()


def test_the_review_queue_shows_the_item_without_extra_queries(creator, editor, api_for, django_assert_max_num_queries):
    api = api_for(editor)
    story = StoryFactory(creator=creator, status="submitted", department=creator.department)
    PlanItemFactory(owner=creator, story_id=story.pk, status=PlanStatus.SUBMITTED)
    with django_assert_max_num_queries(14) as few:
        first = api.get("/api/v1/review-queue/").json()["results"]
    assert [s["plan_item"] for s in first] != [None]
    for _ in range(4):
        extra = StoryFactory(creator=creator, status="submitted", department=creator.department)
        PlanItemFactory(owner=creator, story_id=extra.pk, status=PlanStatus.SUBMITTED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        results = api.get("/api/v1/review-queue/").json()["results"]
    assert len(results) == 5 and all(s["plan_item"] for s in results)
