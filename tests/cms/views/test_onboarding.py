"""The onboarding page: consent is required, the choices are stored, the first lesson follows."""

import pytest

from tests.factories import lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_onboarding_records_consent_and_choices_then_first_lesson(client, member):
    client.force_login(member)
    assert client.get("/welcome/").status_code == 200
    response = client.post("/welcome/", {"language": "nl", "leaderboard_visibility": "anonymous"})
    assert response.status_code == 200  # consent is required
    member.refresh_from_db()
    assert member.privacy_consent_at is None
    response = client.post(
        "/welcome/",
        {"language": "nl", "leaderboard_visibility": "anonymous", "consent": "on", "gender": "", "age_band": "35_44"},
    )
    assert response.status_code == 302 and response["Location"].startswith("/")
    member.refresh_from_db()
    assert member.privacy_consent_at and member.onboarded_at
    assert member.language == "nl" and member.leaderboard_visibility == "anonymous" and member.age_band == "35_44"


def test_onboarding_leads_to_the_first_lesson(client, member):
    course = make_course("Start here", lessons=2)
    client.force_login(member)
    response = client.post("/welcome/", {"language": "en", "leaderboard_visibility": "visible", "consent": "on"})
    assert response.status_code == 302 and response["Location"] == lessons_of(course)[0].url


def test_a_revisit_shows_the_consent_already_given(client, member):
    client.force_login(member)
    client.post("/welcome/", {"language": "en", "leaderboard_visibility": "visible", "consent": "on"})
    form = client.get("/welcome/").context["form"]
    assert form["consent"].value() is True
