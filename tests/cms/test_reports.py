"""Participation reports: the funnel against a hand-built organisation, the <5 rule,
permissions, per-person views and the works council switch, exports equal to the page,
and query counts that do not grow with the data."""

import csv
import datetime
import io
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from challenges.models import Share, ShareClick, ShareLink, Story
from cms.models import ProgrammeSettings
from gamification.models import PointsEntry
from learning.models import CourseCompletion, LessonCompletion
from people.models import AuditAction, AuditLog, Department, Invitation, Location, Member, Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def points(member, when, n=[0]):  # noqa: B006 - a counter for unique refs
    n[0] += 1
    PointsEntry.objects.create(member=member, action="test", ref=str(n[0]), points=5, occurred_at=when)


def lesson(member, when):
    LessonCompletion.objects.create(member=member, lesson_key=uuid.uuid4(), course_key=uuid.uuid4(), completed_at=when)


def share(member, story, clicks=0, when=None):
    Share.objects.create(member=member, story=story, network="linkedin", created_at=when or days_ago(3))
    link, _ = ShareLink.objects.get_or_create(member=member, story=story)
    for i in range(clicks):
        ShareClick.objects.create(
            link=link, day=timezone.localdate(when or days_ago(3)), visitor_hash=f"v{i}-{uuid.uuid4()}"
        )


@pytest.fixture
def org(db):
    """Sales: 6 members, Support: 5, Legal: 2 (all in Utrecht except two in Delft)."""
    sales, support, legal = (Department.objects.create(name=n) for n in ("Sales", "Support", "Legal"))
    utrecht, delft = Location.objects.create(name="Utrecht"), Location.objects.create(name="Delft")
    people = {
        "sales": [MemberFactory(department=sales, location=utrecht) for _ in range(6)],
        "support": [MemberFactory(department=support, location=utrecht) for _ in range(5)],
        "legal": [MemberFactory(department=legal, location=delft) for _ in range(2)],
    }
    s = people["sales"]
    s[0].role = s[1].role = Role.CREATOR
    people["support"][0].role = Role.MASTER
    for m in (s[0], s[1], people["support"][0]):
        m.save(update_fields=["role"])
    # Active in the last 30 days: 3 in Sales, 1 in Support, 1 in Legal; one only 40 days ago.
    for m in (s[0], s[1], s[2], people["support"][1], people["legal"][0]):
        points(m, days_ago(5))
    points(s[3], days_ago(40))
    # Lessons: 4 in the period (Sales), 1 long before it.
    for m in (s[0], s[0], s[1], s[2]):
        lesson(m, days_ago(10))
    lesson(s[4], days_ago(400))
    CourseCompletion.objects.create(
        member=s[0], course_key=uuid.uuid4(), course_title="C", member_name="x", completed_at=days_ago(9)
    )
    story = Story.objects.create(creator=s[0], title="Our trade fair", status="approved", approved_at=days_ago(8))
    share(s[0], story, clicks=3)
    share(people["support"][1], story, clicks=1)
    # Invitations: 3 open (2 for Sales), 1 accepted.
    for i, dept in enumerate([sales, sales, None]):
        Invitation.objects.create(
            email=f"open{i}@example.com", name="x", department=dept, nonce="n", expires_at=days_ago(-10)
        )
    Invitation.objects.create(
        email=s[5].email,
        name="x",
        department=sales,
        nonce="n",
        expires_at=days_ago(-10),
        accepted_at=days_ago(20),
        member=s[5],
    )
    Member.objects.update(date_joined=days_ago(500))
    people["ids"] = {"sales": sales.pk, "support": support.pk, "legal": legal.pk, "delft": delft.pk}
    return people


def login(client, **kwargs):
    viewer = MemberFactory(**kwargs)
    client.force_login(viewer)
    return viewer


def hr(client, org):
    # The viewer has no department, so the hand-built figures are not disturbed... but they
    # are a member too: they land in "no department" (1 member, pooled).
    return login(client, is_hr=True, department=None, location=None)


@pytest.mark.clock
def test_funnel_and_tables_match_the_hand_built_organisation(client, org):
    hr(client, org)
    data = client.get("/api/v1/reports/participation/").json()
    funnel = data["funnel"]
    # 14 members (13 + the HR viewer) and 3 open invitations.
    assert funnel == {
        "invited": 17,
        "joined": 14,
        "active": 5,
        "creators": 3,
        "employees": 17,
        "active_share_percent": 29.4,
        "goal_percent": 10,
    }
    rows = {r["name"]: r for r in data["departments"]}
    # Legal (2) and no department (1) are pooled; that pool (3) is under 5, so the
    # smallest shown group (Support, 5) joins it.
    assert set(rows) == {"Sales", "Other groups (pooled)"}
    sales = rows["Sales"]
    assert sales["members"] == 6 and sales["active_percent"] == 50.0
    assert sales["lessons"] == 4 and sales["courses"] == 1
    assert sales["stories_approved"] == 1 and sales["shares"] == 1 and sales["clicks"] == 3
    other = rows["Other groups (pooled)"]
    assert other["members"] == 8 and other["shares"] == 1 and other["clicks"] == 1
    assert data["total"]["members"] == 14 and data["total"]["lessons"] == 4
    locations = {r["name"]: r["members"] for r in data["locations"]}
    # Delft (2) and no location (1) make a pool of 3; Utrecht would give them away as
    # total minus Utrecht, so it is pooled with them.
    assert locations == {"Other groups (pooled)": 14}


def test_employee_count_setting_sets_the_goal_base(client, org):
    settings = ProgrammeSettings.load()
    settings.employee_count = 100
    settings.save()
    hr(client, org)
    funnel = client.get("/api/v1/reports/participation/").json()["funnel"]
    assert funnel["employees"] == 100 and funnel["active_share_percent"] == 5.0


@pytest.mark.clock
def test_period_filter_counts_only_the_period(client, org):
    hr(client, org)
    old = timezone.localdate(days_ago(400)).isoformat()  # the local day, as reports count
    data = client.get(f"/api/v1/reports/participation/?from={old}&to={old}").json()
    assert data["total"]["lessons"] == 1 and data["total"]["members"] == 13
    assert data["funnel"]["active"] == 0


def test_a_group_under_five_is_never_broken_out(client, org):
    hr(client, org)
    data = client.get(f"/api/v1/reports/participation/?department={org['ids']['legal']}").json()
    assert data["suppressed"] is True and data["departments"] == [] and data["funnel"] == {}
    page = client.get(f"/reports/?department={org['ids']['legal']}")
    assert b'data-testid="suppressed"' in page.content
    people = client.get(f"/api/v1/reports/people/?location={org['ids']['delft']}").json()
    assert people["suppressed"] is True and people["rows"] == []


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
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/reports/participation/",
        "/api/v1/reports/participation.csv",
        "/api/v1/reports/participation.xlsx",
        "/api/v1/reports/people/",
        "/api/v1/reports/reach/",
        "/reports/",
        "/reports/people/",
        "/reports/reach/",
    ],
)
def test_permission_matrix(client, org, who, expected, url):
    login(client, **who)
    assert client.get(url).status_code == expected


def test_activators_see_their_own_department_only(client, org):
    sales = Department.objects.get(name="Sales")
    login(client, role=Role.ACTIVATOR, department=sales)
    data = client.get("/api/v1/reports/participation/").json()
    assert data["filters"]["department"] == sales.pk and data["total"]["members"] == 7
    assert client.get(f"/api/v1/reports/participation/?department={org['ids']['support']}").status_code == 403
    assert client.get(f"/api/v1/reports/people/?department={org['ids']['support']}").status_code == 403
    people = client.get("/api/v1/reports/people/").json()
    assert people["count"] == 7
    assert client.get(f"/reports/?department={org['ids']['support']}").status_code == 403


def test_anonymous_is_refused(client, anon_api):
    assert anon_api.get("/api/v1/reports/participation/").status_code in (401, 403)
    assert client.get("/reports/").status_code == 302


def test_bad_filters_are_400(client, org):
    hr(client, org)
    for query in ("from=yesterday", "from=2026-02-01&to=2026-01-01", "department=abc", "from=2020-01-01&to=2026-01-01"):
        response = client.get(f"/api/v1/reports/participation/?{query}")
        assert response.status_code == 400 and response.json()["detail"]
    assert client.get("/api/v1/reports/participation.pdf").status_code == 400
    assert client.get("/api/v1/reports/participation.csv?table=nope").status_code == 400


def test_per_person_shows_completions_not_texts_or_network(client, org):
    hr(client, org)
    result = client.get("/api/v1/reports/people/").json()
    assert result["count"] == 14
    first = next(r for r in result["rows"] if r["id"] == org["sales"][0].pk)
    assert first["lessons"] == 2 and first["courses"] == 1 and first["shares"] == 1
    assert "clicks" not in first and "network_size" not in first and "email" not in first
    assert "Our trade fair" not in str(result)
    assert AuditLog.objects.filter(action=AuditAction.PER_PERSON_VIEWED).count() == 1


def test_works_council_setting_turns_per_person_views_off(client, org):
    settings = ProgrammeSettings.load()
    settings.aggregates_only = True
    settings.save()
    hr(client, org)
    assert client.get("/api/v1/reports/people/").status_code == 403
    assert client.get("/api/v1/reports/participation.csv?table=people").status_code == 403
    page = client.get("/reports/people/")
    assert page.status_code == 200 and b'data-testid="per-person-off"' in page.content
    assert client.get("/api/v1/reports/participation/").status_code == 200  # aggregates stay


@pytest.mark.clock
def test_exports_equal_the_figures_on_screen(client, org):
    hr(client, org)
    data = client.get("/api/v1/reports/participation/").json()
    response = client.get("/api/v1/reports/participation.csv?table=departments")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    keys = [c["key"] for c in data["columns"]]
    expected = [[r["name"], *[str(r[k]) for k in keys]] for r in [*data["departments"], data["total"]]]
    assert rows[1:] == expected
    workbook = load_workbook(io.BytesIO(client.get("/api/v1/reports/participation.xlsx").content))
    sheet = [list(r) for r in workbook["departments"].iter_rows(values_only=True)]
    assert [[row[0], *[float(v) for v in row[1:]]] for row in sheet[1:]] == [
        [row[0], *[float(v) for v in row[1:]]] for row in expected
    ]
    funnel = {row[0]: row[1] for row in workbook["funnel"].iter_rows(min_row=2, values_only=True)}
    assert funnel["Invited"] == data["funnel"]["invited"] and funnel["Active (30 days)"] == data["funnel"]["active"]
    page = client.get("/reports/").content.decode()
    for value in expected[0][1:]:
        assert f">{value}<" in page
    assert AuditLog.objects.filter(action=AuditAction.REPORT_EXPORTED).count() == 2


def test_reach_counts_unique_clicks_and_labels_the_estimate(client, org):
    settings = ProgrammeSettings.load()
    settings.cost_per_click = "1.25"
    settings.save()
    hr(client, org)
    data = client.get("/api/v1/reports/reach/").json()
    assert data["shares"] == 2 and data["unique_clicks"] == 4
    assert float(data["estimated_media_value"]) == 5.0 and float(data["cost_per_click"]) == 1.25
    assert data["stories"] == [{"id": data["stories"][0]["id"], "title": "Our trade fair", "shares": 2, "clicks": 4}]
    assert "estimate" in data["estimate_note"]
    page = client.get("/reports/reach/").content.decode()
    assert "Estimated media value" in page and "not measured" in page


@pytest.mark.clock
def test_dashboard_page_shows_funnel_and_svg_charts(client, org):
    hr(client, org)
    page = client.get("/reports/").content.decode()
    assert 'data-testid="funnel"' in page and "<svg" in page and "goal: 10%" in page
    assert "cdn" not in page.lower()


def test_large_exports_are_built_by_celery_and_downloaded_by_who_asked(
    client, org, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_EXPORT_INLINE_ROWS = 3
    viewer = hr(client, org)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/api/v1/reports/participation.xlsx?table=people")
    assert response.status_code == 202
    status = client.get(response.json()["status_url"]).json()
    assert status["status"] == "ready"
    download = client.get(status["download_url"])
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(list(workbook["people"].iter_rows())) == 15  # header + 14 members
    other = MemberFactory(is_hr=True)
    client.force_login(other)
    assert client.get(status["download_url"]).status_code == 404
    assert client.get(response.json()["status_url"]).status_code == 404
    assert viewer.pk


def grow(org, factor):
    """Add ``factor`` times more members and activity, spread over the same groups."""
    depts = list(Department.objects.all())
    locs = list(Location.objects.all())
    story = Story.objects.first()
    for i in range(factor * 13):
        m = MemberFactory(department=depts[i % 3], location=locs[i % 2])
        points(m, days_ago(i % 50))
        lesson(m, days_ago(i % 60))
        if i % 3 == 0:
            share(m, story, clicks=i % 4, when=days_ago(i % 20))


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/reports/participation/",
        "/api/v1/reports/people/",
        "/api/v1/reports/reach/",
        "/api/v1/reports/participation.csv",
        "/api/v1/reports/participation.xlsx",
        "/reports/",
        "/reports/people/",
        "/reports/reach/",
    ],
)
def test_query_count_stays_the_same_with_ten_times_the_data(client, org, url):
    hr(client, org)
    queries(client, url)  # caches (settings, rules) warm up once
    small = queries(client, url)
    grow(org, 10)
    assert queries(client, url) == small


def test_session_attendance_and_linkedin_checklist_come_from_events(client, org):
    from events.models import LinkedInChecklistItem, LinkedInChecklistTick
    from tests.events.factories import LinkedInChecklistItemFactory, RegistrationFactory, SessionFactory

    session = SessionFactory(starts_in=-datetime.timedelta(days=5))
    sales = org["sales"]
    for position, member in enumerate(sales[:3], start=1):
        RegistrationFactory(session=session, member=member, position=position, attended=position < 3)
    LinkedInChecklistItem.objects.all().delete()
    items = LinkedInChecklistItemFactory.create_batch(4)
    for item in items[:3]:
        LinkedInChecklistTick.objects.create(member=sales[0], item_key=item.translation_key)
    LinkedInChecklistTick.objects.create(member=sales[1], item_key=items[0].translation_key)
    hr(client, org)
    rows = {r["name"]: r for r in client.get("/api/v1/reports/participation/").json()["departments"]}
    assert rows["Sales"]["sessions_attended"] == 2
    assert rows["Sales"]["linkedin_percent"] == round(100 * 4 / (6 * 4), 1)
    person = next(r for r in client.get("/api/v1/reports/people/").json()["rows"] if r["id"] == sales[0].pk)
    assert person["sessions_attended"] == 1 and person["linkedin_percent"] == 75.0
