import pytest

from tests.cms.reports.factories import reports_org
from tests.factories import MemberFactory


@pytest.fixture
def org(db):
    """Sales: 6 members, Support: 5, Legal: 2 (``factories.reports_org``)."""
    return reports_org()


@pytest.fixture
def login(client):
    """``login(**fields)``: the page/API client signed in as a new member with ``fields``."""

    def sign_in(**fields):
        viewer = MemberFactory(**fields)
        client.force_login(viewer)
        return viewer

    return sign_in


@pytest.fixture
def hr(client, org, login):
    """The client signed in as HR. The viewer has no department or location, so they land
    in "no department" (1 member, pooled) and leave the hand-built figures alone."""
    login(is_hr=True, department=None, location=None)
    return client
