"""The reports API: the same figures as the page, filters checked, per-person views
audited, an Activator held to their own department, query counts that do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import AuditAction, AuditLog, Department, Role
from tests.cms.reports.factories import grow

pytestmark = pytest.mark.django_db


def test_participation_answers_the_report_as_json(hr):
    data = hr.get("/api/v1/reports/participation/").json()
    assert data["funnel"]["invited"] == 17 and data["total"]["members"] == 14
    assert {c["key"] for c in data["columns"]} >= {"members", "active_percent", "lessons"}


def test_activators_see_their_own_department_only(client, org, login):
    sales = Department.objects.get(name="Sales")
    login(role=Role.ACTIVATOR, department=sales)
    data = client.get("/api/v1/reports/participation/").json()
    assert data["filters"]["department"] == sales.pk and data["total"]["members"] == 7
    assert client.get(f"/api/v1/reports/participation/?department={org['ids']['support']}").status_code == 403
    assert client.get(f"/api/v1/reports/people/?department={org['ids']['support']}").status_code == 403
    assert client.get("/api/v1/reports/people/").json()["count"] == 7
    assert client.get(f"/reports/?department={org['ids']['support']}").status_code == 403


def test_anonymous_is_refused(client, anon_api):
    assert anon_api.get("/api/v1/reports/participation/").status_code == 401
    assert client.get("/reports/").status_code == 302


def test_bad_filters_are_400(hr):
    for query in ("from=yesterday", "from=2026-02-01&to=2026-01-01", "department=abc", "from=2020-01-01&to=2026-01-01"):
        response = hr.get(f"/api/v1/reports/participation/?{query}")
        assert response.status_code == 400 and response.json()["detail"]
        assert response.json()["code"] == "invalid_report"
    assert hr.get("/api/v1/reports/participation.pdf").status_code == 400
    assert hr.get("/api/v1/reports/participation.csv?table=nope").status_code == 400


def test_per_person_views_are_audited(hr):
    assert hr.get("/api/v1/reports/people/").json()["count"] == 14
    assert AuditLog.objects.filter(action=AuditAction.PER_PERSON_VIEWED).count() == 1


def test_works_council_setting_turns_per_person_off_and_keeps_aggregates(hr):
    from cms.models import ProgrammeSettings

    settings = ProgrammeSettings.load()
    settings.aggregates_only = True
    settings.save()
    response = hr.get("/api/v1/reports/people/")
    assert response.status_code == 403 and response.json()["code"] == "per_person_off"
    assert hr.get("/api/v1/reports/participation.csv?table=people").status_code == 403
    assert hr.get("/api/v1/reports/participation/").status_code == 200


def test_reach_labels_the_estimate(hr):
    data = hr.get("/api/v1/reports/reach/").json()
    assert data["unique_clicks"] == 4 and "estimate" in data["estimate_note"]


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
def test_query_count_stays_the_same_with_ten_times_the_data(hr, url):
    queries(hr, url)  # caches (settings, rules) warm up once
    small = queries(hr, url)
    grow(10)
    assert queries(hr, url) == small
