"""Ids from outside: out-of-range numbers find nothing instead of reaching the database."""

import pytest

from core.ids import MAX_ID, id_from
from people.models import Role
from tests.factories import MemberFactory


@pytest.mark.parametrize("value, expected", [("7", 7), ("0", 0), ("-3", 0), ("x", 0), (None, 0), (str(MAX_ID + 1), 0)])
def test_id_from(value, expected):
    assert id_from(value) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/session/{MAX_ID + 1}/session.ics",
        f"/challenges/{MAX_ID + 1}/",
        f"/prizes/{MAX_ID + 1}/",
        "/session/99999999999999999999999/session.ics",
    ],
)
def test_an_id_no_row_can_have_is_not_found(client, url):
    client.force_login(MemberFactory(role=Role.MASTER))
    assert client.get(url).status_code == 404
