"""Erasure takes the member's Open Badges 3.0 credentials off the web: revoked (a copy kept
elsewhere no longer verifies) and emptied (no hash of the address stays published)."""

import pytest

from cms.services.privacy import erase_member
from gamification.models import Credential
from tests.gamification.factories import BadgeAwardFactory
from tests.gamification.openbadges.verifier import verify

pytestmark = pytest.mark.django_db


def test_erasure_revokes_and_empties_the_members_credentials(client, master):
    award = BadgeAwardFactory()
    other = BadgeAwardFactory()
    token = client.get(f"/badges/credentials/{award.uuid}.jwt").content.decode()
    other_token = client.get(f"/badges/credentials/{other.uuid}.jwt").content.decode()
    assert verify(client, token).valid
    erase_member(member=award.member, by=master)
    assert verify(client, token).errors == ["status: revoked"]
    assert verify(client, other_token).valid
    (row,) = Credential.objects.filter(subject=award.uuid)
    assert row.data == {} and row.jwt == ""
    response = client.get(f"/badges/credentials/{award.uuid}.jwt")
    assert response.status_code == 410
    assert Credential.objects.filter(subject=award.uuid).count() == 1
