"""The Open Badges issuer is the organisation as its Social Master branded it: name, logo
and contact address in the issuer profile (still valid Open Badges 2.0), and the name or
LinkedIn organisation id on the badge's LinkedIn link."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings

from gamification.openbadges import hosting
from tests.branding import BRAND_NAME, branded_organisation
from tests.gamification.views.test_badges import validate_issuer

pytestmark = pytest.mark.django_db


@pytest.fixture
def branded(settings, tmp_path):
    return branded_organisation(settings, tmp_path, contact_email="badges@acme.example")


def test_issuer_profile_carries_the_branding(client, branded):
    response = client.get("/badges/issuer.json")
    data = response.json()
    validate_issuer(data)
    assert data["name"] == BRAND_NAME
    assert data["email"] == "badges@acme.example"
    assert data["url"] == settings.BASE_URL
    assert data["image"] == settings.BASE_URL + branded.logo_url
    assert data["image"].startswith("http") and data["image"].endswith((".png", ".jpg", ".jpeg"))


def test_without_branding_the_issuer_has_the_defaults_and_no_image(db):
    data = hosting.issuer_json()
    validate_issuer(data)
    assert data["name"] == settings.WAGTAIL_SITE_NAME
    assert "image" not in data and "email" not in data


def test_a_deployment_override_still_wins(settings, branded):
    settings.BADGE_ISSUER_NAME = "Acme Care Foundation"
    assert hosting.issuer_json()["name"] == "Acme Care Foundation"


def _linkedin_query(client, member, earned):
    client.force_login(member)
    html = client.get(f"/badges/assertions/{earned.uuid}/").content.decode()
    (link,) = [part.split('"')[0] for part in html.split('href="')[1:] if "linkedin.com/profile/add" in part]
    return parse_qs(urlparse(link.replace("&amp;", "&")).query)


def test_badge_linkedin_link_names_the_branded_organisation(client, member, earned, branded):
    assert _linkedin_query(client, member, earned)["organizationName"] == [BRAND_NAME]


def test_badge_linkedin_link_uses_the_organisation_id_when_set(client, member, earned, branded):
    branded.linkedin_organisation_id = "4242"
    branded.save()
    query = _linkedin_query(client, member, earned)
    assert query["organizationId"] == ["4242"] and "organizationName" not in query
