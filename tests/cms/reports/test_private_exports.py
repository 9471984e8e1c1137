"""Prepared report exports are private: stored outside the public media under a random
name, handed out only to who asked (while they may see reports), and only for a week."""

import datetime
import importlib
import re

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone
from django.views.static import serve as serve_static

from cms import tasks
from cms.models import ProgrammeSettings, ReportExport
from cms.reports import services
from people.models import Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def asker(org):
    return MemberFactory(is_hr=True, language="nl")


@pytest.fixture
def export(asker):
    export = services.queue_export(member=asker, params={}, names=["people"], fmt="csv")
    assert services.build_export(export_id=export.pk)
    export.refresh_from_db()
    return export


def url(export):
    return f"/reports/exports/{export.pk}/download/"


def test_the_asker_downloads_it_from_private_storage_under_a_random_name(export, client_for, settings):
    response = client_for(export.requested_by).get(url(export))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Naam" in body.splitlines()[0]  # the people table, in the asker's Dutch
    assert response["Content-Disposition"].startswith('attachment; filename="participation-people-')
    assert "no-store" in response["Cache-Control"]
    assert re.fullmatch(r"report-exports/[0-9a-f]{32}\.csv", export.file.name)
    assert (settings.PRIVATE_MEDIA_ROOT / export.file.name).is_file()
    assert not (settings.MEDIA_ROOT / export.file.name).exists()


def test_the_old_public_media_address_serves_nothing(export, settings):
    """What `make run` serves at /media/ (and a web server pointed at MEDIA_ROOT) does not
    have the file."""
    request = RequestFactory().get(f"/media/{export.file.name}")
    with pytest.raises(Http404):
        serve_static(request, export.file.name, document_root=settings.MEDIA_ROOT)
    assert export.file.storage.exists(export.file.name)
    with pytest.raises(ValueError):
        export.file.url  # noqa: B018 - a private file has no URL to leak


@pytest.mark.parametrize(
    "who",
    [
        {"is_hr": True},
        {"role": Role.MASTER},
        {"role": Role.AMBASSADOR},
    ],
    ids=["other-hr", "master", "member"],
)
def test_nobody_else_downloads_it(export, client_for, who):
    assert client_for(MemberFactory(**who)).get(url(export)).status_code == 404


def test_anonymous_is_sent_to_log_in(export, client):
    response = client.get(url(export))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_asker_who_no_longer_sees_reports_gets_nothing(export, client_for):
    asker = export.requested_by
    asker.is_hr = False
    asker.save(update_fields=["is_hr"])
    assert client_for(asker).get(url(export)).status_code == 404


def test_a_per_person_export_closes_when_the_works_council_setting_turns_on(export, client_for):
    programme = ProgrammeSettings.load()
    programme.aggregates_only = True
    programme.save()
    assert client_for(export.requested_by).get(url(export)).status_code == 404


def test_an_expired_export_answers_410_in_dutch(export, client_for, api_for, settings):
    assert export.expires_at == export.created_at + datetime.timedelta(days=settings.REPORT_EXPORT_KEEP_DAYS)
    with time_machine.travel(export.expires_at + datetime.timedelta(minutes=1), tick=False):
        response = client_for(export.requested_by).get(url(export))
        status = api_for(export.requested_by).get(f"/api/v1/reports/exports/{export.pk}/").json()
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert status["download_url"] is None


def test_the_beat_task_deletes_expired_files_and_rows(export, asker, settings, django_capture_on_commit_callbacks):
    assert settings.CELERY_BEAT_SCHEDULE["delete-expired-report-exports"]["task"] == (
        "cms.tasks.delete_expired_report_exports"
    )
    fresh = services.queue_export(member=asker, params={}, names=["departments"], fmt="csv")
    services.build_export(export_id=fresh.pk)
    fresh.refresh_from_db()
    ReportExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    path = settings.PRIVATE_MEDIA_ROOT / export.file.name
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.delete_expired_report_exports() == 1
    assert not path.exists() and not ReportExport.objects.filter(pk=export.pk).exists()
    assert (settings.PRIVATE_MEDIA_ROOT / fresh.file.name).is_file()
    assert ReportExport.objects.filter(pk=fresh.pk).exists()


def test_the_data_migration_moves_old_public_exports_into_private_storage(asker, settings):
    from django.apps import apps

    old_name = default_storage.save("report-exports/participation-people-20261201-101010.csv", ContentFile(b"names"))
    old = ReportExport.objects.create(
        requested_by=asker, table="people", fmt="csv", status="ready", file=old_name, finished_at=timezone.now()
    )
    migration = importlib.import_module("cms.migrations.0006_private_media")
    migration.exports_out_of_public_media(apps, None)
    old.refresh_from_db()
    assert not default_storage.exists(old_name)
    assert re.fullmatch(r"report-exports/[0-9a-f]{32}\.csv", old.file.name)
    assert (settings.PRIVATE_MEDIA_ROOT / old.file.name).read_bytes() == b"names"
    assert old.expires_at == old.created_at + datetime.timedelta(days=settings.REPORT_EXPORT_KEEP_DAYS)
