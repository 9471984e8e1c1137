"""Post images for the community tests: real image files, and media folders of each test's
own (post images are private files under ``PRIVATE_MEDIA_ROOT``)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def image_bytes(size=(40, 30), fmt="PNG", **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, format=fmt, **options)
    return out.getvalue()


def image_upload(name="photo.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type=content_type)


def stored_files(settings) -> list:
    """Every stored file, public or private."""
    roots = [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*") if p.is_file())
