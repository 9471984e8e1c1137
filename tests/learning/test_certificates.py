"""The certificate page, its PDF and the "Add to LinkedIn profile" link: the branding on
each, and who may download (the owner and Social Masters; anyone else gets a 404)."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core import branding as core_branding
from learning import certificates, services
from people.models import Role
from tests.branding import BRAND_NAME, BRAND_PRIMARY, branded_organisation
from tests.factories import MemberFactory, lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def branded(settings, tmp_path):
    return branded_organisation(settings, tmp_path)


@pytest.fixture
def completion():
    member = MemberFactory(display_name="Fleur de Vriés", language="nl")
    course = make_course("Sterk op LinkedIn & co", lessons=1)
    return services.complete_lesson(member=member, lesson=lessons_of(course)[0]).course_completion


DUTCH_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
DUTCH_MONTHS += ["september", "oktober", "november", "december"]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_owner_downloads_a_branded_pdf_in_their_language(client_for, completion, branded, settings):
    response = client_for(completion.member).get(
        reverse("learning:certificate_pdf", args=[completion.certificate_code])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"certificate-{completion.certificate_code}.pdf" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Fleur de Vriés" in text
    assert "Sterk op LinkedIn & co" in text
    assert BRAND_NAME in text
    assert completion.certificate_code in text
    assert f"{settings.BASE_URL}/certificates/{completion.certificate_code}/" in text
    issued = timezone.localtime(completion.completed_at)
    assert f"{issued.day} {DUTCH_MONTHS[issued.month - 1]} {issued.year}" in text  # the member reads Dutch
    assert "CERTIFICAAT" in text
    (page,) = PdfReader(io.BytesIO(data)).pages
    assert len(page.images) == 1  # the logo


def test_an_english_member_gets_english_dates(client_for, completion):
    completion.member.language = "en"
    completion.member.save(update_fields=["language"])
    data = client_for(completion.member).get(reverse("learning:certificate_pdf", args=[completion.certificate_code]))
    text = pdf_text(data.content)
    assert "CERTIFICATE OF COMPLETION" in text
    assert "Social Shift" in text  # the default branding without a setting
    assert not PdfReader(io.BytesIO(data.content)).pages[0].images  # and no logo


def test_a_master_may_download_anyone_elses_is_404(client, client_for, completion):
    url = reverse("learning:certificate_pdf", args=[completion.certificate_code])
    assert client.get(url).status_code == 404
    assert client_for(MemberFactory()).get(url).status_code == 404
    assert client_for(MemberFactory(role=Role.EDITOR)).get(url).status_code == 404
    assert client_for(MemberFactory(role=Role.MASTER)).get(url).status_code == 200
    assert client_for(completion.member).get(reverse("learning:certificate_pdf", args=["NO-SUCH"])).status_code == 404


def test_the_page_shows_download_and_linkedin_to_the_owner_only(client, client_for, completion, branded):
    url = reverse("learning:certificate", args=[completion.certificate_code])
    owner = client_for(completion.member).get(url).content.decode()
    assert reverse("learning:certificate_pdf", args=[completion.certificate_code]) in owner
    assert "linkedin.com/profile/add" in owner
    assert BRAND_NAME in owner and branded.logo_url in owner
    assert f"--brand:{BRAND_PRIMARY}" in owner
    public = client.get(url).content.decode()
    assert completion.certificate_code in public and BRAND_NAME in public
    assert "/pdf/" not in public and "linkedin.com" not in public
    master = client_for(MemberFactory(role=Role.MASTER)).get(url).content.decode()
    assert "/pdf/" in master and "linkedin.com" not in master  # only the owner adds it to their profile


def test_linkedin_url_parameters(completion, settings):
    settings.BASE_URL = "https://advocacy.example.org"
    brand = core_branding.Branding(organisation_name="Zorg & Zo")
    url = certificates.linkedin_add_url(completion, branding=brand)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    assert " " not in url and "&co" not in url  # every value encoded
    issued = completion.completed_at.astimezone(timezone.get_current_timezone())
    assert parse_qs(parts.query, strict_parsing=True) == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": ["Sterk op LinkedIn & co"],
        "organizationName": ["Zorg & Zo"],
        "issueYear": [str(issued.year)],
        "issueMonth": [str(issued.month)],
        "certUrl": [f"https://advocacy.example.org/certificates/{completion.certificate_code}/"],
        "certId": [completion.certificate_code],
    }


def test_linkedin_url_uses_the_organisation_id_when_set(completion):
    brand = core_branding.Branding(organisation_name="Zorg & Zo", linkedin_organisation_id="1337")
    query = parse_qs(urlsplit(certificates.linkedin_add_url(completion, branding=brand)).query)
    assert query["organizationId"] == ["1337"]
    assert "organizationName" not in query
