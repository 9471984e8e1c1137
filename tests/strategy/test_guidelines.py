"""The social media guidelines: versions, acceptance (service, API, the pages' gate and the
API's write gate), ``guidelines_accepted`` on ``/api/v1/me/`` and the per-story checks."""

import pytest
from django.core.exceptions import ValidationError

from challenges.models import Story
from core.errors import InvalidInput, NotFound
from people.models import Role
from strategy import selectors, services
from strategy.models import GuidelinesAcceptance
from tests.factories import MemberFactory

from .factories import GuidelinesFactory

pytestmark = pytest.mark.django_db


def test_accepting_is_idempotent_and_a_new_version_asks_again():
    first = GuidelinesFactory()
    member = MemberFactory(accepted_guidelines=False)
    assert selectors.guidelines_accepted(member=member) is False
    _acceptance, created = services.accept_guidelines(member=member, guidelines=first)
    again = services.accept_guidelines(member=member, guidelines=first)[1]
    assert (created, again) == (True, False)
    assert GuidelinesAcceptance.objects.filter(member=member).count() == 1
    assert selectors.guidelines_accepted(member=member) is True
    GuidelinesFactory()
    assert selectors.guidelines_accepted(member=member) is False


def test_a_draft_cannot_be_accepted_and_a_published_version_cannot_change():
    draft = GuidelinesFactory(published=False)
    with pytest.raises(NotFound):
        services.accept_guidelines(member=MemberFactory(), guidelines=draft)
    draft.full_clean()  # a draft may still change
    published = GuidelinesFactory()
    published.body = "<p>Anders</p>"
    with pytest.raises(ValidationError):
        published.full_clean()


def test_factories_make_members_who_accepted_the_current_version():
    GuidelinesFactory()
    assert selectors.guidelines_accepted(member=MemberFactory()) is True


def test_api_current_accept_and_me(api_for):
    member = MemberFactory(accepted_guidelines=False)
    api = api_for(member)
    missing = api.get("/api/v1/guidelines/current/")
    assert missing.status_code == 404 and missing.json()["code"] == "guidelines_not_found"
    assert api.get("/api/v1/me/").json()["guidelines_accepted"] is True
    guidelines = GuidelinesFactory()
    current = api.get("/api/v1/guidelines/current/").json()
    assert current["id"] == guidelines.pk and current["accepted"] is False
    assert [c["key"] for c in current["checks"]] == ["c1", "c2"]
    assert api.get("/api/v1/me/").json()["guidelines_accepted"] is False
    url = f"/api/v1/guidelines/{guidelines.pk}/accept/"
    assert api.post(url).status_code == 201
    assert api.post(url).status_code == 200
    assert api.get("/api/v1/me/").json()["guidelines_accepted"] is True
    draft = GuidelinesFactory(published=False)
    assert api.post(f"/api/v1/guidelines/{draft.pk}/accept/").status_code == 404


def test_api_writes_wait_for_acceptance_reads_do_not(api_for):
    GuidelinesFactory()
    creator = MemberFactory(role=Role.CREATOR, accepted_guidelines=False)
    api = api_for(creator)
    assert api.get("/api/v1/stories/?mine=1").status_code == 200
    refused = api.post("/api/v1/stories/", {"text": "Hi"}, format="multipart")
    assert refused.status_code == 403
    assert refused.json()["code"] == "guidelines_not_accepted"
    assert not Story.objects.exists()


def test_pages_send_a_member_to_the_guidelines_first(client_for):
    guidelines = GuidelinesFactory()
    member = MemberFactory(accepted_guidelines=False)
    client = client_for(member)
    response = client.get("/welcome/")
    assert response.status_code == 302
    assert response["Location"].startswith("/guidelines/?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200 and b"accept-guidelines" in page.content
    accepted = client.post("/guidelines/", {"next": "/welcome/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/welcome/"
    assert GuidelinesAcceptance.objects.filter(member=member, guidelines=guidelines).exists()
    assert client.get("/welcome/").status_code == 200


def test_the_guidelines_page_refuses_an_outside_next_and_has_an_empty_state(client_for):
    client = client_for(MemberFactory())
    assert b"guidelines-empty" in client.get("/guidelines/").content
    GuidelinesFactory()
    member = MemberFactory(accepted_guidelines=False)
    response = client_for(member).post("/guidelines/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_story_checks_are_required_and_stored():
    guidelines = GuidelinesFactory()
    with pytest.raises(InvalidInput) as refused:
        services.confirm_story_checks(checks=["c1"])
    assert refused.value.code == "guideline_checks_required"
    assert services.confirm_story_checks(checks=["c1", "c2"]) == {"version": guidelines.pk, "checks": ["c1", "c2"]}


def test_submitting_a_story_needs_every_check(api_for):
    guidelines = GuidelinesFactory()
    creator = MemberFactory(role=Role.CREATOR)
    api = api_for(creator)
    refused = api.post("/api/v1/stories/", {"text": "Hi", "checks": ["c1"]}, format="multipart")
    assert refused.status_code == 400 and refused.json()["code"] == "guideline_checks_required"
    response = api.post("/api/v1/stories/", {"text": "Hi", "checks": ["c1", "c2"]}, format="multipart")
    assert response.status_code == 201
    assert Story.objects.get().guideline_checks == {"version": guidelines.pk, "checks": ["c1", "c2"]}


def test_no_checks_without_guidelines():
    assert services.confirm_story_checks(checks=[]) == {}
