"""challenges/api/stories.py: ``/api/v1/stories/``, ``/review-queue/`` and ``/suggestions/``:
the contract and its permission matrix."""

import pytest

from challenges.models import Share, Story, StoryStatus
from gamification.models import PointsEntry
from people.models import Role
from tests.factories import MemberFactory

from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_submit_and_list_mine(creator, api_for):
    challenge = ChallengeFactory()
    api = api_for(creator)
    response = api.post("/api/v1/stories/", {"text": "Hello", "challenge": challenge.pk}, format="multipart")
    assert response.status_code == 201
    assert response.json()["status"] == "submitted"
    mine = api.get("/api/v1/stories/?mine=1").json()["results"]
    assert [s["text"] for s in mine] == ["Hello"]
    assert api.get(f"/api/v1/challenges/{challenge.pk}/").json()["my_entries"] == 1


def test_submit_to_an_invisible_challenge_is_404(creator, other_department, api_for):
    challenge = ChallengeFactory(audience="departments", departments=[other_department])
    response = api_for(creator).post("/api/v1/stories/", {"text": "x", "challenge": challenge.pk}, format="multipart")
    assert response.status_code == 404


def test_ambassador_cannot_submit_a_free_story(ambassador, api_for):
    response = api_for(ambassador).post("/api/v1/stories/", {"text": "x"}, format="multipart")
    assert response.status_code == 403


def test_review_permission_matrix(creator, editor, other_department, ambassador, master, api_for):
    story = StoryFactory(creator=creator, text="Story")
    url = f"/api/v1/stories/{story.pk}/review/"
    other_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    assert api_for(ambassador).post(url, {"decision": "approve"}, format="json").status_code == 404
    assert api_for(other_editor).post(url, {"decision": "approve"}, format="json").status_code == 404
    assert api_for(creator).post(url, {"decision": "approve"}, format="json").status_code == 403
    assert api_for(ambassador).get("/api/v1/review-queue/").status_code == 403
    assert api_for(creator).get("/api/v1/review-queue/").status_code == 403
    assert api_for(other_editor).get("/api/v1/review-queue/").json()["results"] == []
    queue = api_for(editor).get("/api/v1/review-queue/").json()["results"]
    assert [s["id"] for s in queue] == [story.pk]
    assert [s["id"] for s in api_for(master).get("/api/v1/review-queue/").json()["results"]] == [story.pk]
    response = api_for(editor).post(url, {"decision": "approve", "text": "Edited"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["original_text"] == "Story"
    assert response.json()["was_edited"] is True


def test_review_validation(creator, editor, api_for):
    story = StoryFactory(creator=creator, text="Story")
    url = f"/api/v1/stories/{story.pk}/review/"
    api = api_for(editor)
    assert api.post(url, {"decision": "maybe"}, format="json").status_code == 400
    response = api.post(url, {"decision": "reject"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Give the creator a reason."
    assert api.post(url, {"decision": "reject", "feedback": "Off topic"}, format="json").status_code == 200
    assert api.post(url, {"decision": "approve"}, format="json").status_code == 409
    assert Story.objects.get(pk=story.pk).status == StoryStatus.REJECTED


def test_double_approve_awards_once(creator, editor, api_for):
    story = StoryFactory(creator=creator, text="Story")
    api = api_for(editor)
    for _ in range(2):
        assert (
            api.post(f"/api/v1/stories/{story.pk}/review/", {"decision": "approve"}, format="json").status_code == 200
        )
    assert PointsEntry.objects.filter(member=creator, action="story_approved").count() == 1


def test_shares_contract(creator, editor, ambassador, api_for):
    story = StoryFactory(creator=creator, approved_by=editor)
    api = api_for(ambassador)
    response = api.post(f"/api/v1/stories/{story.pk}/shares/", {"network": "linkedin"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= {"share_url", "tracking_url"}
    assert body["share_url"].startswith("https://www.linkedin.com/")
    assert "/s/" in body["tracking_url"] and "utm_source=linkedin" in body["tracking_url"]
    again = api.post(f"/api/v1/stories/{story.pk}/shares/", {"network": "linkedin"}, format="json")
    assert again.status_code == 200
    assert again.json()["tracking_url"] == body["tracking_url"]
    assert Share.objects.count() == 1
    assert PointsEntry.objects.filter(member=ambassador, action="story_shared").count() == 1
    bad = api.post(f"/api/v1/stories/{story.pk}/shares/", {"network": "myspace"}, format="json")
    assert bad.status_code == 400


def test_a_story_one_may_not_see_is_not_found(creator, ambassador, api_for):
    story = StoryFactory(creator=creator)
    response = api_for(ambassador).get(f"/api/v1/stories/{story.pk}/")
    assert (response.status_code, response.json()["detail"]) == (404, "Story not found.")
    assert api_for(ambassador).get(f"/api/v1/stories/{story.pk + 1000}/").status_code == 404
    assert api_for(creator).get(f"/api/v1/stories/{story.pk}/").status_code == 200


def test_cannot_share_an_unapproved_story(creator, ambassador, api_for):
    story = StoryFactory(creator=creator, text="Pending")
    response = api_for(ambassador).post(f"/api/v1/stories/{story.pk}/shares/", {"network": "x"}, format="json")
    assert response.status_code == 404


def test_suggestions_and_dismiss(creator, editor, ambassador, api_for):
    story = StoryFactory(creator=creator, approved_by=editor)
    api = api_for(ambassador)
    results = api.get("/api/v1/suggestions/").json()["results"]
    assert [s["id"] for s in results] == [story.pk]
    assert results[0]["suggested_caption"] == "We won a new client!"
    assert results[0]["shared_on"] == []
    assert api.post(f"/api/v1/stories/{story.pk}/dismiss/").status_code == 204
    assert api.get("/api/v1/suggestions/").json()["results"] == []


def test_compliments_contract(master, creator, editor, ambassador, api_for):
    story = StoryFactory(creator=creator, approved_by=editor)
    url = f"/api/v1/stories/{story.pk}/compliments/"
    assert api_for(ambassador).post(url, {"message": "Nice"}, format="json").status_code == 403
    assert api_for(master).post(url, {"message": "Nice"}, format="json").status_code == 201
    assert api_for(master).post(url, {"message": "Nice"}, format="json").status_code == 200


def test_query_counts_feed_and_queue(django_assert_max_num_queries, creator, editor, ambassador, api_for):
    for n in range(3):
        StoryFactory(creator=creator, approved_by=editor, text=f"Story {n}")
        StoryFactory(creator=creator, text=f"Waiting {n}")
    feed, queue = api_for(ambassador), api_for(editor)
    with django_assert_max_num_queries(12) as small_feed:
        feed.get("/api/v1/suggestions/")
    with django_assert_max_num_queries(12) as small_queue:
        queue.get("/api/v1/review-queue/")
    for n in range(10):
        StoryFactory(creator=creator, approved_by=editor, text=f"More {n}")
        StoryFactory(creator=creator, text=f"More waiting {n}")
    with django_assert_max_num_queries(len(small_feed.captured_queries)):
        assert len(feed.get("/api/v1/suggestions/").json()["results"]) == 13
    with django_assert_max_num_queries(len(small_queue.captured_queries)):
        assert len(queue.get("/api/v1/review-queue/").json()["results"]) == 13


def test_feedback_and_original_only_for_creator_and_editors(creator, editor, ambassador, api_for):
    story = StoryFactory(
        creator=creator, text="Mine", approved_by=editor, approved_by__text="Edited", approved_by__feedback="Nice"
    )
    other = api_for(ambassador).get(f"/api/v1/stories/{story.pk}/").json()
    assert other["text"] == "Edited" and other["original_text"] is None and other["feedback"] is None
    own = api_for(creator).get(f"/api/v1/stories/{story.pk}/").json()
    assert (own["original_text"], own["feedback"]) == ("Mine", "Nice")
    assert api_for(editor).get(f"/api/v1/stories/{story.pk}/").json()["original_text"] == "Mine"
