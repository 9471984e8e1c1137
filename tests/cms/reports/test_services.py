"""Exports: the same figures as on screen, audited; large ones built once by Celery and
downloaded only by who asked."""

import csv
import io

import pytest
from openpyxl import load_workbook

from cms.models import ReportExport
from cms.reports import services
from people.models import AuditAction, AuditLog
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_exports_equal_the_figures_on_screen(hr):
    data = hr.get("/api/v1/reports/participation/").json()
    response = hr.get("/api/v1/reports/participation.csv?table=departments")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    keys = [c["key"] for c in data["columns"]]
    expected = [[r["name"], *[str(r[k]) for k in keys]] for r in [*data["departments"], data["total"]]]
    assert rows[1:] == expected
    workbook = load_workbook(io.BytesIO(hr.get("/api/v1/reports/participation.xlsx").content))
    sheet = [list(r) for r in workbook["departments"].iter_rows(values_only=True)]
    assert [[row[0], *[float(v) for v in row[1:]]] for row in sheet[1:]] == [
        [row[0], *[float(v) for v in row[1:]]] for row in expected
    ]
    funnel = {row[0]: row[1] for row in workbook["funnel"].iter_rows(min_row=2, values_only=True)}
    assert funnel["Invited"] == data["funnel"]["invited"] and funnel["Active (30 days)"] == data["funnel"]["active"]
    page = hr.get("/reports/").content.decode()
    for value in expected[0][1:]:
        assert f">{value}<" in page
    assert AuditLog.objects.filter(action=AuditAction.REPORT_EXPORTED).count() == 2


def test_large_exports_are_built_by_celery_and_downloaded_by_who_asked(
    hr, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_EXPORT_INLINE_ROWS = 3
    with django_capture_on_commit_callbacks(execute=True):
        response = hr.get("/api/v1/reports/participation.xlsx?table=people")
    assert response.status_code == 202
    status = hr.get(response.json()["status_url"]).json()
    assert status["status"] == "ready"
    download = hr.get(status["download_url"])
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(list(workbook["people"].iter_rows())) == 15  # header + 14 members
    hr.force_login(MemberFactory(is_hr=True))
    assert hr.get(status["download_url"]).status_code == 404
    assert hr.get(response.json()["status_url"]).status_code == 404


def test_a_queued_export_is_built_once(org):
    viewer = MemberFactory(is_hr=True)
    export = services.queue_export(member=viewer, params={}, names=["departments"], fmt="csv")
    # Celery gets it after commit: the test's transaction never commits.
    assert ReportExport.objects.get(pk=export.pk).status == ReportExport.Status.PENDING
    assert services.build_export(export_id=export.pk) is True
    assert services.build_export(export_id=export.pk) is False
    export.refresh_from_db()
    assert export.status == ReportExport.Status.READY and export.file
    assert AuditLog.objects.filter(action=AuditAction.REPORT_EXPORTED, actor=viewer).count() == 1
