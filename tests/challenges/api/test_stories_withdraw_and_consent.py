"""challenges/api/stories.py: ``POST /api/v1/stories/{id}/withdraw/`` and ``photo_consent``
on submit: who may, what comes back, the codes of the refusals."""

import pytest

from challenges.models import StoryStatus
from people.models import Role
from tests.factories import MemberFactory

from ..conftest import upload
from ..factories import StoryFactory

pytestmark = pytest.mark.django_db


def withdraw(client, story):
    return client.post(f"/api/v1/stories/{story.pk}/withdraw/")


def test_the_creator_withdraws_and_the_queue_no_longer_has_it(creator, editor, api_for):
    story = StoryFactory(creator=creator, department=creator.department)
    editor_api = api_for(editor)
    assert [s["id"] for s in editor_api.get("/api/v1/review-queue/").json()["results"]] == [story.pk]
    response = withdraw(api_for(creator), story)
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["withdrawn_at"]
    assert editor_api.get("/api/v1/review-queue/").json()["results"] == []
    # A retry (double click) answers the same, changing nothing.
    again = withdraw(api_for(creator), story)
    assert again.status_code == 200
    assert again.json()["withdrawn_at"] == response.json()["withdrawn_at"]


def test_others_get_404_and_anonymous_403(creator, editor, master, api_for, anon_api):
    story = StoryFactory(department=creator.department)
    for member in (creator, editor, master, MemberFactory(role=Role.AMBASSADOR)):
        assert withdraw(api_for(member), story).status_code == 404, member
    assert withdraw(anon_api, story).status_code == 401
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED


def test_a_reviewed_story_is_a_409_with_its_code(creator, api_for):
    story = StoryFactory(creator=creator, approved=True)
    response = withdraw(api_for(creator), story)
    assert response.status_code == 409
    assert response.json()["code"] == "story_already_reviewed"
    assert response.json()["detail"]


def test_photos_without_consent_are_a_400_with_its_code(creator, api_for):
    api = api_for(creator)
    response = api.post("/api/v1/stories/", {"text": "Team", "images": [upload()]}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "photo_consent_required"
    assert not creator.stories.exists()
    response = api.post(
        "/api/v1/stories/", {"text": "Team", "images": [upload()], "photo_consent": "true"}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["photo_consent_at"]


def test_the_editor_sees_the_consent(creator, editor, api_for):
    api_for(creator).post(
        "/api/v1/stories/", {"text": "Team", "images": [upload()], "photo_consent": True}, format="multipart"
    )
    [item] = api_for(editor).get("/api/v1/review-queue/").json()["results"]
    assert item["photo_consent_at"]


def test_the_schema_documents_withdraw_and_photo_consent(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/stories/{id}/withdraw/" in schema["paths"]
    body = schema["components"]["schemas"]["StorySubmitRequest"]["properties"]
    assert "photo_consent" in body
