"""A Social Master uploads a package in the Wagtail admin (E-learningpakketten); a bad zip
is refused in the form with the reason (in Dutch in tests/courses/test_packages.py); other
roles cannot reach the screen."""

import pytest
from django.urls import reverse

from courses.models import LearningPackage
from people.models import Role
from tests.courses.package_zips import scorm12, upload, zip_bytes
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_courses_learningpackage:add"


def test_a_master_uploads_a_package(client, master):
    client.force_login(master)
    response = client.post(reverse(ADD), {"title": "", "file": upload(scorm12(title="Profiel op orde"))})
    assert response.status_code == 302, response.content.decode()[:2000]
    package = LearningPackage.objects.get()
    assert (package.standard, package.launch, package.title) == ("scorm12", "index.html", "Profiel op orde")
    assert package.file.storage.exists(f"packages/{package.folder}/index.html")


def test_a_bad_zip_is_refused_with_the_reason(client, master):
    client.force_login(master)
    response = client.post(reverse(ADD), {"title": "x", "file": upload(zip_bytes({"../x.html": "x"}))})
    assert response.status_code == 200
    assert "The package has a file outside its folder: ../x.html" in response.content.decode()
    assert not LearningPackage.objects.exists()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.ACTIVATOR, Role.AMBASSADOR])
def test_other_roles_cannot_upload(client, role):
    client.force_login(MemberFactory(role=role))
    response = client.post(reverse(ADD), {"title": "x", "file": upload(scorm12())})
    assert response.status_code in (302, 403)
    assert not LearningPackage.objects.exists()
