import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from challenges import services
from challenges.models import Challenge, ChallengeState, Story
from people.models import Role
from tests.factories import DepartmentFactory, MemberFactory


@pytest.fixture(autouse=True)
def _point_rules(db):
    """The data migration's rules; a transactional test flushes them, so make them again."""
    import importlib

    from gamification.models import PointRule

    rules = importlib.import_module("challenges.migrations.0002_point_rules").RULES
    for action, label, label_en, points, daily_cap in rules:
        PointRule.objects.get_or_create(
            action=action, defaults={"label": label, "label_en": label_en, "points": points, "daily_cap": daily_cap}
        )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BASE_URL = "http://testserver"


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


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Sales")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="Finance")


@pytest.fixture
def master(db):
    return MemberFactory(role=Role.MASTER, email="master@example.com", display_name="Master")


@pytest.fixture
def editor(department):
    return MemberFactory(role=Role.EDITOR, department=department, display_name="Editor")


@pytest.fixture
def creator(department):
    return MemberFactory(role=Role.CREATOR, department=department, display_name="Creator")


@pytest.fixture
def ambassador(department):
    return MemberFactory(role=Role.AMBASSADOR, department=department, display_name="Ambassador")


def make_challenge(by, *, state="open", **fields) -> Challenge:
    now = timezone.now()
    defaults = {
        "title": "Share a success moment",
        "kind": "story",
        "opens_at": now - datetime.timedelta(hours=1),
        "closes_at": now + datetime.timedelta(days=7),
    }
    defaults.update(fields)
    challenge = services.create_challenge(by=by, **defaults)
    if state in ("scheduled", "open", "closed", "judged"):
        challenge = services.schedule_challenge(by=by, challenge=challenge)
    if state in ("closed", "judged") and challenge.state == ChallengeState.OPEN:
        challenge = services.close_challenge(by=by, challenge=challenge)
    return challenge


def approved_story(creator, editor, **kwargs) -> Story:
    story = services.submit_story(member=creator, text=kwargs.pop("text", "We won a new client!"), **kwargs)
    return services.review_story(editor=editor, story=story, decision="approve")
