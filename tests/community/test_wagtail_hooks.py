"""Masters make community spaces and name moderators in the admin."""

import pytest

from people.models import Role
from people.roles import ensure_role_groups
from tests.community.factories import SpaceFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_masters_manage_spaces_in_the_admin(client_for):
    ensure_role_groups()
    space = SpaceFactory(name="Tips voor LinkedIn")
    master = MemberFactory(role=Role.MASTER)
    client = client_for(master)
    listing = client.get("/admin/snippets/community/space/")
    assert listing.status_code == 200 and "Tips voor LinkedIn" in listing.content.decode()
    assert client.get(f"/admin/snippets/community/space/edit/{space.pk}/").status_code == 200
    assert client_for(MemberFactory()).get("/admin/snippets/community/space/").status_code in (302, 403)
