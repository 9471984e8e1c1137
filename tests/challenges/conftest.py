"""The challenge tests' cast (a Sales department with its Editor, Creator and Ambassador;
the organisation's ``master`` comes from tests/conftest.py), the point rules the data
migration adds, and real upload files. Rows come from ``tests/challenges/factories.py``."""

import importlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gamification.models import PointRule, PointsEntry
from people.models import Role
from tests.factories import DepartmentFactory, MemberFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


@pytest.fixture(autouse=True)
def _point_rules(db):
    """The data migration's rules; a transactional test flushes them, so make them again."""
    rules = importlib.import_module("challenges.migrations.0002_point_rules").RULES
    for action, label, label_en, points, daily_cap in rules:
        PointRule.objects.get_or_create(
            action=action, defaults={"label": label, "label_en": label_en, "points": points, "daily_cap": daily_cap}
        )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.BASE_URL = "http://testserver"


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Sales")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="Finance")


@pytest.fixture
def editor(department):
    return MemberFactory(role=Role.EDITOR, department=department, display_name="Editor")


@pytest.fixture
def creator(department):
    return MemberFactory(role=Role.CREATOR, department=department, display_name="Creator")


@pytest.fixture
def ambassador(department):
    return MemberFactory(role=Role.AMBASSADOR, department=department, display_name="Ambassador")


def points(member, action=None) -> int:
    """The member's points in the ledger (for one action, or all)."""
    qs = PointsEntry.objects.filter(member=member)
    if action:
        qs = qs.filter(action=action)
    return sum(qs.values_list("points", flat=True))


# --- upload files ---------------------------------------------------------------------


def png_bytes(size=(40, 30), fmt="PNG", exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def upload(name="photo.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type=content_type)


def mp4_bytes(brand=b"isom") -> bytes:
    return b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x02\x00" + brand + b"mp41" + b"\x00" * 64
