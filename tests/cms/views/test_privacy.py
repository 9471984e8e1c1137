"""Privacy pages: my own download and erasure from the profile, and a Master's export and
erasure on request (confirmed with the Master's own password, audited)."""

import pytest

from people.models import AuditAction, AuditLog, Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_profile_page_offers_download_and_erasure(client, member, password):
    client.force_login(member)
    assert b'data-testid="my-data"' in client.get("/profile/").content
    download = client.get("/profile/my-data/")
    assert download.status_code == 200 and download.json()["profile"]["email"] == member.email
    assert client.get("/profile/erase/").status_code == 200
    wrong = client.post("/profile/erase/", {"password": "nope"})
    assert wrong.status_code == 200 and b"not correct" in wrong.content
    response = client.post("/profile/erase/", {"password": password})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None


def test_a_master_erases_a_member_on_request_with_their_own_password(client_for, master, member):
    client = client_for(master)
    listing = client.get("/admin/users/")
    assert f"/members/{member.pk}/erase/".encode() in listing.content
    assert client.get(f"/members/{member.pk}/data/").status_code == 200
    assert client.post(f"/members/{member.pk}/erase/", {"password": "wrong"}).status_code == 200
    member.refresh_from_db()
    assert member.erased_at is None
    response = client.post(f"/members/{member.pk}/erase/", {"password": "correct horse battery"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None
    actions = set(AuditLog.objects.filter(actor=master, target_id=member.pk).values_list("action", flat=True))
    assert actions == {AuditAction.DATA_EXPORTED, AuditAction.MEMBER_ERASED}


@pytest.mark.parametrize(
    "who", [{"role": Role.AMBASSADOR}, {"role": Role.EDITOR}, {"is_hr": True}, {"role": Role.ACTIVATOR}]
)
def test_only_masters_erase_or_export_others(client_for, member, who):
    client = client_for(MemberFactory(**who))
    assert client.get(f"/members/{member.pk}/data/").status_code == 403
    assert client.post(f"/members/{member.pk}/erase/", {"password": "correct horse battery"}).status_code == 403
    member.refresh_from_db()
    assert member.erased_at is None


def test_a_master_cannot_handle_a_superusers_data(client_for, master):
    boss = MemberFactory(is_superuser=True)
    client = client_for(master)
    assert client.get(f"/members/{boss.pk}/data/").status_code == 403
    assert client.post(f"/members/{boss.pk}/erase/", {"password": "correct horse battery"}).status_code == 403
    boss.refresh_from_db()
    assert boss.erased_at is None


def test_an_unknown_member_is_404_for_a_master_and_403_for_others(client_for, master, member):
    assert client_for(master).get("/members/999999/data/").status_code == 404
    assert client_for(member).get("/members/999999/data/").status_code == 403
