"""The story form's key messages (ticked from the challenge) and guidelines checks, and the
review queue's messages, audience and period."""

import re

import pytest

from challenges.models import Story
from strategy.services import accept_guidelines
from tests.strategy.factories import GuidelinesFactory, KeyMessageFactory

from .factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_submit_form_ticks_the_challenges_messages_and_stores_the_choice(creator, client_for):
    served, other = KeyMessageFactory(name="Leren"), KeyMessageFactory(name="Klanten")
    challenge = ChallengeFactory()
    challenge.messages.set([served])
    client = client_for(creator)
    page = client.get(f"/stories/new/?challenge={challenge.pk}").content.decode()
    assert f'value="{served.pk}"' in page and f'value="{other.pk}"' in page
    assert re.search(rf'value="{served.pk}"[^>]*checked', page)
    assert not re.search(rf'value="{other.pk}"[^>]*checked', page)
    response = client.post("/stories/new/", {"text": "Team", "challenge": challenge.pk, "messages": [str(other.pk)]})
    assert response.status_code == 302
    assert list(Story.objects.get().messages.all()) == [other]


def test_submit_form_requires_the_guidelines_checks(creator, client_for):
    accept_guidelines(member=creator, guidelines=GuidelinesFactory())
    client = client_for(creator)
    page = client.get("/stories/new/").content.decode()
    assert "Nothing confidential" in page
    refused = client.post("/stories/new/", {"text": "Team", "checks": ["c1"]})
    assert refused.status_code == 400 and not Story.objects.exists()
    assert client.post("/stories/new/", {"text": "Team", "checks": ["c1", "c2"]}).status_code == 302
    assert Story.objects.get().guideline_checks["checks"] == ["c1", "c2"]


def test_review_page_corrects_messages_and_targets(creator, editor, department, other_department, client_for):
    wrong, right = KeyMessageFactory(), KeyMessageFactory()
    story = StoryFactory(creator=creator)
    story.messages.set([wrong])
    client = client_for(editor)
    page = client.get("/review/").content.decode()
    assert 'data-testid="review-messages"' in page and 'data-testid="review-audience"' in page
    client.post(
        f"/review/{story.pk}/",
        {
            "decision": "approve",
            "messages_shown": "1",
            "messages": [str(right.pk)],
            "departments": [str(other_department.pk)],
            "share_from": "2030-01-01T09:00",
        },
    )
    story.refresh_from_db()
    assert story.status == "approved"
    assert list(story.messages.all()) == [right]
    assert list(story.target_departments.all()) == [other_department]
    assert story.share_from is not None


def test_review_page_refuses_a_period_that_ends_first(creator, editor, client_for):
    story = StoryFactory(creator=creator)
    client_for(editor).post(
        f"/review/{story.pk}/",
        {"decision": "approve", "share_from": "2030-01-02T09:00", "share_until": "2030-01-01T09:00"},
    )
    story.refresh_from_db()
    assert story.status == "submitted"
