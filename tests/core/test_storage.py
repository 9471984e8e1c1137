"""core/storage.py: private files have no URL of their own unless a view serves them, and
are handed out by the application or, behind nginx, by an X-Accel-Redirect."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from core.storage import PrivateStorage, serve


@pytest.fixture
def private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    storage = PrivateStorage()
    storage.save("report-exports/abc.csv", ContentFile(b"a;b"))
    return storage


def test_files_live_under_private_media_root_and_have_no_url(private, tmp_path):
    assert (tmp_path / "report-exports/abc.csv").read_bytes() == b"a;b"
    with pytest.raises(ValueError):
        private.url("report-exports/abc.csv")
    assert PrivateStorage(base_url="/story-media/").url("stories/a b.png") == "/story-media/stories/a%20b.png"


def test_the_application_sends_the_file(private, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    response = serve(private, "report-exports/abc.csv", cache_control="private, no-store", as_attachment=True)
    assert b"".join(response.streaming_content) == b"a;b"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment")


def test_behind_nginx_the_application_only_says_which_file(private, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_private-media/"
    response = serve(private, "report-exports/abc.csv", cache_control="private, no-store", filename="x.csv")
    assert response["X-Accel-Redirect"] == "/_private-media/report-exports/abc.csv"
    assert response.content == b"" and response["Content-Disposition"] == 'inline; filename="x.csv"'


@pytest.mark.parametrize("accel", ["", "/_private-media/"])
def test_a_missing_file_is_404(private, settings, accel):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = accel
    with pytest.raises(Http404):
        serve(private, "report-exports/gone.csv", cache_control="private")
