"""Masters award badges by hand and revoke them in the admin; nobody else may."""

import pytest

from gamification.models import (
    BadgeAward,
    BadgeCriterion,
)
from gamification.services import badges
from gamification.services.badge_evaluation import evaluate_for
from tests.gamification.factories import BadgeFactory
from tests.gamification.helpers import act

pytestmark = pytest.mark.django_db


def test_admin_award_view_for_masters(client, member, master):
    badge = BadgeFactory(criterion=BadgeCriterion.MANUAL, name="Trade fair hero")
    client.force_login(master)
    assert client.get("/admin/gamification/badge-awards/new/").status_code == 200
    data = {"member": member.email.upper(), "badge": badge.pk, "reason": ""}
    response = client.post("/admin/gamification/badge-awards/new/", data)
    assert response.status_code == 200 and not BadgeAward.objects.exists()  # the form asks for a reason
    response = client.post("/admin/gamification/badge-awards/new/", {**data, "reason": "Ran the stand"})
    assert response.status_code == 302
    award = BadgeAward.objects.get(member=member, badge=badge)
    assert award.reason == "Ran the stand" and award.awarded_by == master
    listing = client.get("/admin/gamification/badge-awards/")
    assert listing.status_code == 200 and "Trade fair hero" in listing.content.decode()


def test_admin_award_views_forbid_non_masters(client, member, editor):
    badge = BadgeFactory(criterion=BadgeCriterion.MANUAL)
    award, _created = badges.award(member=member, badge=badge)
    client.force_login(editor)  # has admin access, not the badge permission
    for url in (
        "/admin/gamification/badge-awards/",
        "/admin/gamification/badge-awards/new/",
        f"/admin/gamification/badge-awards/{award.pk}/revoke/",
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        "/admin/gamification/badge-awards/new/", {"member": member.email, "badge": badge.pk, "reason": "Me!"}
    )
    assert response.status_code == 403
    response = client.post(f"/admin/gamification/badge-awards/{award.pk}/revoke/", {"reason": "No"})
    assert response.status_code == 403
    award.refresh_from_db()
    assert award.revoked_at is None
    client.force_login(member)  # no admin access at all: Wagtail sends them away
    assert client.get("/admin/gamification/badge-awards/new/").status_code == 302


def test_revocation_answers_410_everywhere_and_sticks(client, member, master, earned):
    client.force_login(master)
    url = f"/admin/gamification/badge-awards/{earned.pk}/revoke/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 200  # needs a reason
    assert client.post(url, {"reason": "Created by mistake"}).status_code == 302
    client.logout()
    response = client.get(f"/badges/assertions/{earned.uuid}.json")
    assert response.status_code == 410
    body = response.json()
    assert body["revoked"] is True and body["revocationReason"] == "Created by mistake"
    assert body["id"].endswith(f"/badges/assertions/{earned.uuid}.json")
    assert client.get(f"/badges/assertions/{earned.uuid}.png").status_code == 410
    html = client.get(f"/badges/assertions/{earned.uuid}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Revoked" in html and "Created by mistake" in html
    assert f"/badges/assertions/{earned.uuid}.png" not in html
    act(member)
    assert evaluate_for(member=member) == []  # the engine does not give it back
