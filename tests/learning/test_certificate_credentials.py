"""A course certificate is an Open Badges 3.0 credential too, issued by ``learning`` through
``gamification.services.credentials`` and checked by the independent verifier."""

import pytest
from django.urls import reverse

from gamification.models import Credential
from learning import services
from tests.factories import MemberFactory, lessons_of, make_course
from tests.gamification.openbadges.verifier import verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def completion():
    member = MemberFactory(display_name="Fleur de Vriés", email="fleur@example.com")
    course = make_course("Sterk op LinkedIn", lessons=1)
    return services.complete_lesson(member=member, lesson=lessons_of(course)[0]).course_completion


def test_completing_a_course_issues_a_valid_certificate_credential(client, completion):
    subject = services.certificate_subject(completion)
    assert Credential.objects.filter(subject=subject).count() == 1
    response = client.get(f"/badges/credentials/{subject}.jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    verdict = verify(client, response.content.decode())
    assert verdict.valid, verdict.errors
    achievement = verdict.credential["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Certificate"
    assert achievement["name"] == "Sterk op LinkedIn"
    assert "fleur@example.com" not in response.content.decode()


def test_the_certificate_page_links_the_credential(client, completion):
    response = client.get(reverse("learning:certificate", args=[completion.certificate_code]))
    subject = services.certificate_subject(completion)
    assert f'href="/badges/credentials/{subject}.jwt"'.encode() in response.content


def test_an_older_certificate_is_issued_when_its_page_is_first_shown(client, completion):
    Credential.objects.all().delete()
    client.get(reverse("learning:certificate", args=[completion.certificate_code]))
    client.get(reverse("learning:certificate", args=[completion.certificate_code]))
    assert Credential.objects.filter(subject=services.certificate_subject(completion)).count() == 1


def test_a_course_is_completed_even_while_its_credential_cannot_be_signed(client, settings, caplog):
    """A changed SECRET_KEY leaves the signing key sealed: the member's completion and the
    certificate page stand, the credential comes on a later visit once the key opens."""
    from gamification.services import credentials

    credentials.current_key()
    old = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-secret", []
    member = MemberFactory()
    course = make_course("Zichtbaar op LinkedIn", lessons=1)
    result = services.complete_lesson(member=member, lesson=lessons_of(course)[0])
    assert result.course_newly_completed
    completion = result.course_completion
    assert not Credential.objects.exists()
    assert any("SECRET_KEY_FALLBACKS" in record.getMessage() for record in caplog.records)
    page = client.get(reverse("learning:certificate", args=[completion.certificate_code]))
    assert page.status_code == 200
    assert b"/badges/credentials/" not in page.content

    settings.SECRET_KEY_FALLBACKS = [old]
    page = client.get(reverse("learning:certificate", args=[completion.certificate_code]))
    assert f"/badges/credentials/{services.certificate_subject(completion)}.jwt".encode() in page.content
