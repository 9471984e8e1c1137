"""The under-5 rule in every report (page, API, export): a selection of 4 members is never
broken out, one of 5 is; the reader is told why in Dutch."""

import pytest

from challenges.models import Story
from people.models import Department, Location, Member
from tests.factories import MemberFactory

from .factories import days_ago, points, share

pytestmark = pytest.mark.django_db

DUTCH_NOTE = "minder dan 5 leden"


@pytest.fixture
def groups(org):
    """Support (5 members, from the hand-built organisation) and a new team of 4, both
    active and sharing, so every report has something to break out."""
    team = Department.objects.create(name="Four")
    utrecht = Location.objects.get(name="Utrecht")
    story = Story.objects.get(title="Our trade fair")
    for member in [MemberFactory(department=team, location=utrecht) for _ in range(4)]:
        points(member, days_ago(5))
        share(member, story, clicks=2)
    Member.objects.filter(department=team).update(date_joined=days_ago(500))
    return {4: team.pk, 5: org["ids"]["support"]}


@pytest.fixture
def reader(client, org):
    client.force_login(MemberFactory(is_hr=True, language="nl", department=None, location=None))
    return client


def api(reader, path, department):
    response = reader.get(f"/api/v1/reports/{path}/?department={department}")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("size", [4, 5])
def test_participation_api(reader, groups, size):
    data = api(reader, "participation", groups[size])
    broken_out = bool(data["departments"]) and data["total"] is not None and bool(data["funnel"])
    assert broken_out == (size == 5) and data["suppressed"] == (size == 4)
    assert (DUTCH_NOTE in (data["suppressed_note"] or "")) == (size == 4)


@pytest.mark.parametrize("size", [4, 5])
def test_people_api(reader, groups, size):
    data = api(reader, "people", groups[size])
    assert len(data["rows"]) == (size if size == 5 else 0) and data["suppressed"] == (size == 4)
    assert (DUTCH_NOTE in (data["suppressed_note"] or "")) == (size == 4)


@pytest.mark.parametrize("size", [4, 5])
def test_reach_api(reader, groups, size):
    data = api(reader, "reach", groups[size])
    if size == 5:
        assert not data["suppressed"] and data["stories"] and data["networks"] and data["shares"] == 1
    else:
        assert data["suppressed"] and DUTCH_NOTE in data["suppressed_note"]
        assert data["stories"] == data["networks"] == data["departments"] == []
        assert data["shares"] is data["unique_clicks"] is data["estimated_media_value"] is None


@pytest.mark.parametrize("page", ["/reports/", "/reports/people/", "/reports/reach/"])
@pytest.mark.parametrize("size", [4, 5])
def test_report_pages(reader, groups, page, size):
    response = reader.get(f"{page}?department={groups[size]}")
    html = response.content.decode()
    assert response.status_code == 200
    assert ('data-testid="suppressed"' in html) == (size == 4)
    if size == 4:
        assert DUTCH_NOTE in html
    elif page == "/reports/reach/":
        assert "Our trade fair" in html


@pytest.mark.parametrize(
    "table",
    ["funnel", "departments", "locations", "trends", "people", "stories", "reach_departments", "networks"],
)
@pytest.mark.parametrize("size", [4, 5])
def test_exports(reader, groups, table, size):
    response = reader.get(f"/api/v1/reports/participation.csv?table={table}&department={groups[size]}")
    if size == 5:
        assert response.status_code == 200
    else:
        assert response.status_code == 400 and DUTCH_NOTE in response.json()["detail"]
