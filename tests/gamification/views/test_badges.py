"""Badge pages: Open Badges 2.0 hosting (JSON-LD), the public assertion page, my badges."""

import datetime
import hashlib
import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.utils import timezone

from tests.gamification.factories import (
    BadgeFactory,
)

pytestmark = pytest.mark.django_db


def _is_url(value) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _parses_iso8601(value: str) -> bool:
    try:
        datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def validate_issuer(data):
    assert data["@context"] == "https://w3id.org/openbadges/v2"
    assert data["type"] == "Issuer"
    assert _is_url(data["id"])
    assert isinstance(data["name"], str) and data["name"]
    assert _is_url(data["url"])


def validate_badge_class(data):
    assert data["@context"] == "https://w3id.org/openbadges/v2"
    assert data["type"] == "BadgeClass"
    assert _is_url(data["id"])
    for key in ("name", "description"):
        assert isinstance(data[key], str) and data[key]
    assert _is_url(data["image"])
    assert isinstance(data["criteria"], dict) and (data["criteria"].get("narrative") or data["criteria"].get("id"))
    assert _is_url(data["issuer"])


def validate_assertion(data):
    assert data["@context"] == "https://w3id.org/openbadges/v2"
    assert data["type"] == "Assertion"
    assert _is_url(data["id"])
    recipient = data["recipient"]
    assert recipient["type"] == "email"
    assert recipient["hashed"] is True
    assert isinstance(recipient["salt"], str) and recipient["salt"]
    assert recipient["identity"].startswith("sha256$")
    assert len(recipient["identity"]) == len("sha256$") + 64
    assert _is_url(data["badge"])
    assert data["verification"]["type"] in ("HostedBadge", "hosted")
    assert _parses_iso8601(data["issuedOn"])


def test_hosted_json_is_valid_open_badges_2(client, member, earned):
    assertion = client.get(f"/badges/assertions/{earned.uuid}.json")
    assert assertion.status_code == 200
    assert assertion["Content-Type"].startswith("application/ld+json")
    data = assertion.json()
    validate_assertion(data)
    assert data["id"] == f"{settings.BASE_URL}/badges/assertions/{earned.uuid}.json"

    badge_class = client.get(urlparse(data["badge"]).path)
    assert badge_class.status_code == 200
    validate_badge_class(badge_class.json())
    assert badge_class.json()["id"] == data["badge"]
    assert client.get(urlparse(badge_class.json()["image"]).path)["Content-Type"] == "image/png"

    issuer = client.get(urlparse(badge_class.json()["issuer"]).path)
    assert issuer.status_code == 200
    validate_issuer(issuer.json())
    assert issuer.json()["id"] == badge_class.json()["issuer"] == f"{settings.BASE_URL}/badges/issuer.json"

    salt = data["recipient"]["salt"]
    assert data["recipient"]["identity"] == "sha256$" + hashlib.sha256((member.email + salt).encode()).hexdigest()
    for response in (assertion, badge_class, issuer):
        text = response.content.decode()
        assert member.email not in text and member.email.split("@")[0] not in text
        assert json.loads(text)  # well-formed


def test_issuer_name_comes_from_settings(client, settings):
    settings.BADGE_ISSUER_NAME = "Acme Care"
    assert client.get("/badges/issuer.json").json()["name"] == "Acme Care"


@pytest.mark.clock
def test_the_public_assertion_page(client, member, earned):
    member.display_name = "Fleur de Vries"
    member.save(update_fields=["display_name"])
    page = client.get(f"/badges/assertions/{earned.uuid}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "First lesson" in html and "Fleur de Vries" in html and "Verified" in html
    assert f"/badges/assertions/{earned.uuid}.png" in html
    assert member.email not in html
    assert "linkedin.com" not in html  # only the recipient gets the LinkedIn button

    client.force_login(member)
    html = client.get(f"/badges/assertions/{earned.uuid}/").content.decode()
    (link,) = [part.split('"')[0] for part in html.split('href="')[1:] if "linkedin.com/profile/add" in part]
    query = parse_qs(urlparse(link.replace("&amp;", "&")).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == ["First lesson"]
    assert query["organizationName"] == [settings.WAGTAIL_SITE_NAME]
    assert query["certId"] == [str(earned.uuid)]
    assert query["certUrl"] == [f"{settings.BASE_URL}/badges/assertions/{earned.uuid}/"]
    issued = timezone.localtime(earned.awarded_at)
    assert query["issueYear"] == [str(issued.year)] and query["issueMonth"] == [str(issued.month)]


def test_unknown_assertions_and_classes_answer_404(client):
    assert client.get("/badges/assertions/00000000-0000-0000-0000-000000000000.json").status_code == 404
    assert client.get("/badges/classes/999999.json").status_code == 404


def test_my_badges_page_needs_login_and_shows_earned(client, member, earned):
    BadgeFactory(action="quiz_passed", count=5, name="Quiz whizz")
    response = client.get("/badges/")
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(member)
    html = client.get("/badges/").content.decode()
    assert html.count('data-earned="true"') == 1 and html.count('data-earned="false"') == 1
    assert "Quiz whizz" in html and "at least 5 times" in html
    assert f"/badges/assertions/{earned.uuid}.png" in html
