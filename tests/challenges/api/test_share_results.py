"""PATCH /api/v1/shares/{id}/: the member's self-reported results, own shares only."""

import pytest

from tests.challenges.factories import ShareFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_member_reports_their_post_results(api_for):
    share = ShareFactory(network="x")
    response = api_for(share.member).patch(
        f"/api/v1/shares/{share.pk}/",
        {"post_url": "https://x.com/me/status/1", "reactions": 4, "comments": 0, "reposts": 2},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["reactions"], body["comments"], body["reposts"], body["self_reported"]) == (4, 0, 2, True)


def test_someone_elses_share_is_a_404_and_unchanged(api_for):
    share = ShareFactory()
    response = api_for(MemberFactory()).patch(f"/api/v1/shares/{share.pk}/", {"reactions": 9}, format="json")
    assert response.status_code == 404
    share.refresh_from_db()
    assert share.reactions is None


def test_bad_figures_are_a_400_with_a_code(api_for):
    share = ShareFactory()
    response = api_for(share.member).patch(f"/api/v1/shares/{share.pk}/", {"reactions": -3}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_reactions"


def test_signed_out_is_a_401(anon_api):
    share = ShareFactory()
    assert anon_api.patch(f"/api/v1/shares/{share.pk}/", {"reactions": 1}, format="json").status_code in (401, 403)
