"""challenges/api/challenges.py: ``/api/v1/challenges/`` and its permission matrix (and, for the
whole API, anonymous access and the schema)."""

import datetime

import pytest
from django.utils import timezone

from challenges.models import Challenge
from challenges.services.challenges import close_challenge
from people.models import Role
from tests.factories import MemberFactory

from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def challenge_payload(**extra):
    now = timezone.now()
    return {
        "title": "Share our vacancy",
        "brief": "<p>Share it!</p>",
        "kind": "share",
        "opens_at": (now + datetime.timedelta(hours=1)).isoformat(),
        "closes_at": (now + datetime.timedelta(days=7)).isoformat(),
        **extra,
    }


def test_anonymous_gets_401(anon_api):
    for url in ("/api/v1/challenges/", "/api/v1/stories/", "/api/v1/review-queue/", "/api/v1/suggestions/"):
        assert anon_api.get(url).status_code == 401


def test_master_creates_and_closes(master, api_for):
    api = api_for(master)
    response = api.post("/api/v1/challenges/", challenge_payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft"
    pk = body["id"]
    refused = api.post(f"/api/v1/challenges/{pk}/close/")
    assert refused.status_code == 409
    assert refused.json() == {"detail": "Only an open challenge can be closed.", "code": "invalid_transition"}
    assert api.post(f"/api/v1/challenges/{pk}/schedule/").json()["state"] == "scheduled"
    assert api.post(f"/api/v1/challenges/{pk}/open/").json()["state"] == "open"
    response = api.post(f"/api/v1/challenges/{pk}/close/")
    assert response.status_code == 200
    assert response.json()["state"] == "judged"


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.CREATOR, Role.EDITOR])
def test_others_cannot_launch_or_close(role, department, api_for):
    member = MemberFactory(role=role, department=department)
    api = api_for(member)
    response = api.post("/api/v1/challenges/", challenge_payload(), format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    challenge = ChallengeFactory()
    assert api.post(f"/api/v1/challenges/{challenge.pk}/close/").status_code == 403
    assert Challenge.objects.get(pk=challenge.pk).state == "open"


def test_activator_creates_for_own_department(department, api_for):
    activator = MemberFactory(role=Role.ACTIVATOR, department=department)
    response = api_for(activator).post("/api/v1/challenges/", challenge_payload(schedule=True), format="json")
    assert response.status_code == 201
    assert response.json()["departments"] == [department.pk]
    assert response.json()["state"] == "scheduled"


def test_invalid_challenge_input_is_400(master, api_for):
    response = api_for(master).post("/api/v1/challenges/", challenge_payload(kind="poem"), format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("kind:")
    now = timezone.now().isoformat()
    response = api_for(master).post(
        "/api/v1/challenges/", challenge_payload(opens_at=now, closes_at=now), format="json"
    )
    assert response.status_code == 400


def test_list_and_detail_follow_the_audience(department, other_department, api_for):
    visible = ChallengeFactory(title="Sales only", audience="departments", departments=[department])
    member = MemberFactory(department=other_department)
    api = api_for(member)
    assert api.get("/api/v1/challenges/").json()["results"] == []
    assert api.get(f"/api/v1/challenges/{visible.pk}/").status_code == 404
    insider = api_for(MemberFactory(department=department))
    assert [c["title"] for c in insider.get("/api/v1/challenges/").json()["results"]] == ["Sales only"]
    assert insider.get(f"/api/v1/challenges/{visible.pk}/").json()["my_entries"] == 0


def test_judge_endpoint(master, creator, editor, api_for):
    challenge = ChallengeFactory(winner_rule="judged")
    StoryFactory(creator=creator, approved_by=editor, challenge=challenge)
    api = api_for(master)
    assert (
        api.post(f"/api/v1/challenges/{challenge.pk}/judge/", {"winners": [creator.pk]}, format="json").status_code
        == 409
    )
    api.post(f"/api/v1/challenges/{challenge.pk}/close/")
    response = api.post(f"/api/v1/challenges/{challenge.pk}/judge/", {"winners": [creator.pk]}, format="json")
    assert response.status_code == 200
    assert response.json()["winners"][0]["member_id"] == creator.pk


def test_schema_documents_the_endpoints(master, api_for):
    response = api_for(master).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/challenges/",
        "/api/v1/stories/{id}/review/",
        "/api/v1/suggestions/",
        "/api/v1/review-queue/",
    ):
        assert path in paths


def test_standings_for_managers_winners_for_everyone(master, creator, editor, api_for):
    challenge = ChallengeFactory()
    StoryFactory(creator=creator, approved_by=editor, challenge=challenge)
    close_challenge(by=master, challenge=challenge)
    member_view = api_for(creator).get(f"/api/v1/challenges/{challenge.pk}/").json()
    assert member_view["standings"] == [] and member_view["winners"][0]["member_id"] == creator.pk
    assert api_for(master).get(f"/api/v1/challenges/{challenge.pk}/").json()["standings"]
