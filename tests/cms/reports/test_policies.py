"""Who sees reports: HR and Masters everything, Activators their own department, nobody else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from cms.reports import policies
from people.models import Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/reports/participation/",
    "/api/v1/reports/participation.csv",
    "/api/v1/reports/participation.xlsx",
    "/api/v1/reports/people/",
    "/api/v1/reports/reach/",
    "/reports/",
    "/reports/people/",
    "/reports/reach/",
]


@pytest.mark.parametrize(
    "who,expected",
    [
        ({"is_hr": True}, 200),
        ({"role": Role.MASTER}, 200),
        ({"role": Role.AMBASSADOR}, 403),
        ({"role": Role.CREATOR}, 403),
        ({"role": Role.EDITOR}, 403),
    ],
)
@pytest.mark.parametrize("url", URLS)
def test_permission_matrix(client, org, login, who, expected, url):
    login(**who)
    assert client.get(url).status_code == expected


def test_own_department_only():
    activator = MemberFactory(role=Role.ACTIVATOR)
    assert policies.own_department_only(activator) == activator.department_id
    assert policies.own_department_only(MemberFactory(is_hr=True)) is None
    for nobody in (
        AnonymousUser(),
        MemberFactory(role=Role.EDITOR),
        MemberFactory(role=Role.ACTIVATOR, department=None),
    ):
        with pytest.raises(PermissionDenied):
            policies.own_department_only(nobody)


def test_only_masters_see_the_attention_panel():
    assert policies.sees_attention_panel(MemberFactory(role=Role.MASTER))
    assert not policies.sees_attention_panel(MemberFactory(is_hr=True))
