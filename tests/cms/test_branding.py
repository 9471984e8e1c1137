"""The branding a Social Master sets: validated colours with a readable text colour, the
CSS variables and logo in every page's head and header, the public story page, and who
may edit it in the admin."""

import pytest
from django.core.exceptions import ValidationError

from cms.models import BrandingSettings, ProgrammeSettings
from core import branding as core_branding
from people.models import Role
from people.roles import ensure_role_groups
from tests.branding import BRAND_ACCENT, BRAND_NAME, BRAND_PRIMARY, branded_organisation
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ADMIN_URL = "/admin/settings/cms/brandingsettings/"


@pytest.fixture
def branded(settings, tmp_path):
    return branded_organisation(settings, tmp_path)


def test_the_head_sets_the_brand_variables_and_the_header_shows_logo_and_name(client, branded):
    html = client.get("/").content.decode()
    assert f":root{{--brand:{BRAND_PRIMARY};--brand-contrast:#ffffff;--accent:{BRAND_ACCENT};" in html
    assert html.index('<style id="branding" nonce="') < html.index("</head>")
    header = html[html.index('<a class="brand"') : html.index("</a>", html.index('<a class="brand"'))]
    assert f'src="{branded.logo_url}"' in header and BRAND_NAME in header
    assert f"<title>{BRAND_NAME}</title>" in html or f"· {BRAND_NAME}</title>" in html


def test_without_a_setting_the_defaults_apply(client):
    html = client.get("/").content.decode()
    assert f"--brand:{core_branding.DEFAULT_PRIMARY};" in html
    assert "Social Shift" in html and "brand-logo" not in html


def test_the_branding_is_read_once_per_request(client, branded, django_assert_max_num_queries):
    client.get("/")  # renditions made
    with django_assert_max_num_queries(30) as captured:
        client.get("/")
    branding_queries = [q for q in captured.captured_queries if "cms_brandingsettings" in q["sql"]]
    assert len(branding_queries) == 1


@pytest.mark.parametrize(
    "colour, text",
    [("#0b6e4f", "#ffffff"), ("#1f4e79", "#ffffff"), ("#f2a541", "#000000"), ("#ffff00", "#000000")],
)
def test_the_text_on_a_colour_is_white_or_black_and_always_passes_aa(colour, text):
    branding = BrandingSettings(primary_colour=colour)
    assert branding.primary_contrast == text
    assert core_branding.contrast_ratio(colour, text) >= 4.5


def test_contrast_ratio_matches_wcag():
    assert round(core_branding.contrast_ratio("#ffffff", "#000000"), 1) == 21.0
    assert round(core_branding.contrast_ratio("#777777", "#ffffff"), 2) == 4.48  # just fails AA


@pytest.mark.parametrize("bad", ["red", "#12345", "#12345g", "0b6e4f", "#0b6e4f;}"])
def test_a_colour_must_be_hex(bad):
    branding = BrandingSettings(organisation_name="X", primary_colour=bad)
    with pytest.raises(ValidationError) as excinfo:
        branding.full_clean()
    assert "primary_colour" in excinfo.value.message_dict


def test_colours_are_normalised_and_must_differ():
    branding = BrandingSettings(organisation_name="X", primary_colour="#0B6E4F", accent_colour="#F2A541")
    branding.full_clean()
    assert (branding.primary_colour, branding.accent_colour) == ("#0b6e4f", "#f2a541")
    with pytest.raises(ValidationError, match="differs"):
        BrandingSettings(organisation_name="X", primary_colour="#0b6e4f", accent_colour="#0B6E4F").full_clean()


def test_the_programme_settings_still_answer_the_organisation_name(branded):
    assert ProgrammeSettings.load().organisation_name == BRAND_NAME


def test_core_branding_reads_the_setting(branded, settings):
    current = core_branding.current()
    assert current.organisation_name == BRAND_NAME
    assert current.primary_colour == BRAND_PRIMARY
    assert current.logo_url == settings.BASE_URL + branded.logo_url
    assert current.logo_image_id == branded.logo_id


def test_masters_edit_the_branding_others_may_not(client_for):
    ensure_role_groups()
    master = client_for(MemberFactory(role=Role.MASTER))
    page = master.get(ADMIN_URL, follow=True)
    assert page.status_code == 200
    assert 'name="primary_colour"' in page.content.decode()
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else ADMIN_URL
    fields = {"organisation_name": "Zorg & Zo", "accent_colour": BRAND_ACCENT, "linkedin_organisation_id": ""}
    refused = master.post(form_url, {**fields, "primary_colour": "#abcdef0", "contact_email": ""})
    assert refused.status_code == 200  # the form again, with the error
    assert BrandingSettings.load().organisation_name != "Zorg & Zo"
    saved = master.post(form_url, {**fields, "primary_colour": "#0B6E4F", "contact_email": ""})
    assert saved.status_code == 302
    assert (BrandingSettings.load().organisation_name, BrandingSettings.load().primary_colour) == (
        "Zorg & Zo",
        "#0b6e4f",
    )
    for role in (Role.EDITOR, Role.ACTIVATOR, Role.AMBASSADOR):
        response = client_for(MemberFactory(role=role)).get(form_url)
        assert response.status_code in (302, 403), role
