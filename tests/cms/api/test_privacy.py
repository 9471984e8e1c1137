"""``/api/v1/me/export/`` and ``/api/v1/me/erase/``: a member's own data, through the API."""

import pytest

from gamification.models import PointRule
from gamification.services.points import record_action
from people.models import AuditAction, AuditLog

pytestmark = pytest.mark.django_db


def test_export_holds_my_data_and_is_audited(api, member):
    PointRule.objects.create(action="x", label="X", points=3)
    record_action(member=member, action="x", ref="1")
    response = api.get("/api/v1/me/export/")
    assert response.status_code == 200
    data = response.json()
    assert data["profile"]["email"] == member.email
    assert [p["points"] for p in data["points"]] == [3]
    assert "attachment" in response["Content-Disposition"]
    assert AuditLog.objects.filter(action=AuditAction.DATA_EXPORTED, target_id=member.pk).count() == 1


def test_export_needs_sign_in(anon_api):
    assert anon_api.get("/api/v1/me/export/").status_code == 401


def test_erasure_needs_the_right_password(api, member):
    response = api.post("/api/v1/me/erase/", {"password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The password is not correct."
    member.refresh_from_db()
    assert member.is_active and member.erased_at is None
    response = api.post("/api/v1/me/erase/", {}, format="json")
    assert response.status_code == 400

    assert response.json()["code"] == "invalid"


def test_erasing_myself_signs_me_out(api, member, password):
    response = api.post("/api/v1/me/erase/", {"password": password}, format="json")
    assert response.status_code == 200 and response.json()["detail"] == "Your personal data has been erased."
    member.refresh_from_db()
    assert member.erased_at is not None
    assert api.get("/api/v1/me/").status_code == 401
    again = api.post("/api/v1/me/erase/", {"password": password}, format="json")
    assert again.status_code == 401
