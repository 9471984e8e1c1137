"""A package zip is checked before it is stored: a manifest that parses and names a launch
file, no zip slip, no zip bomb, no executable content, no links; then unpacked in private media."""

import io
import stat
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from courses import packages
from courses.models import LearningPackage
from tests.courses.package_zips import cmi5, make_package, scorm12, scorm2004, upload, zip_bytes

pytestmark = pytest.mark.django_db


def check(data: bytes) -> packages.PackageInfo:
    return packages.inspect(io.BytesIO(data))


def refused(data: bytes) -> str:
    with translation.override("nl"):
        with pytest.raises(ValidationError) as exc:
            check(data)
        return " ".join(exc.value.messages)


def test_the_three_standards_are_recognised_with_their_launch_file():
    assert (check(scorm12()).standard, check(scorm12()).launch) == ("scorm12", "index.html")
    info = check(scorm2004())
    assert (info.standard, info.launch, info.title) == ("scorm2004", "content/start.html", "Posten met impact")
    assert (check(cmi5()).standard, check(cmi5()).launch) == ("cmi5", "au.html")


@pytest.mark.parametrize(
    ("files", "dutch"),
    [
        ({"index.html": "<p>"}, "geen imsmanifest.xml"),
        ({"imsmanifest.xml": "<manifest><unclosed></manifest>", "index.html": ""}, "kan niet worden gelezen"),
        (
            {"imsmanifest.xml": '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><m>&a;</m>'},
            "kan niet worden gelezen",
        ),
        ({"imsmanifest.xml": "<manifest/>"}, "geen startbestand"),
        ({"../evil.html": "x", "imsmanifest.xml": "<manifest/>"}, "buiten zijn map"),
        ({"/etc/evil.html": "x"}, "buiten zijn map"),
        ({"tools/setup.exe": "MZ", "imsmanifest.xml": "<manifest/>"}, "niet is toegestaan"),
    ],
)
def test_bad_packages_are_refused_with_a_dutch_reason(files, dutch):
    assert dutch in refused(zip_bytes(files))


def test_not_a_zip_and_a_zip_bomb_are_refused():
    assert "geen zipbestand" in refused(b"just text, not a zip")
    bomb = zip_bytes({"imsmanifest.xml": scorm12(), "zeros.bin": b"\0" * (20 * 1024 * 1024)})
    assert "zipbom" in refused(bomb)


def test_a_link_inside_the_zip_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("index.html")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert "koppeling" in refused(buffer.getvalue())


def test_a_stored_package_is_unpacked_in_private_media(settings):
    package = make_package(scorm2004())
    assert package.standard == "scorm2004" and package.title == "Posten met impact"
    storage = package.file.storage
    assert storage.exists(f"packages/{package.folder}/content/start.html")
    assert str(storage.location).startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_the_admin_form_refuses_a_bad_zip():
    package = LearningPackage(file=upload(b"not a zip"))
    with pytest.raises(ValidationError):
        package.full_clean()
