"""The branded site in a real browser, in Dutch: the header with the organisation's logo
and colour, the certificate page with its PDF download and LinkedIn link, at desktop and
phone width. Screenshots in tests/artifacts/."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw

from learning import services
from tests.branding import BRAND_NAME, make_branding
from tests.factories import PASSWORD, MemberFactory, course_index, lessons_of, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "fleur@example.com"


def logo_file() -> ContentFile:
    image = PILImage.new("RGBA", (360, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 112, 112), fill="#0b6e4f")
    draw.ellipse((40, 40, 80, 80), fill="#f2a541")
    draw.rectangle((130, 40, 350, 80), fill="#0b6e4f")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="acme-logo.png")


@pytest.fixture
def branded_site(settings, tmp_path):
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = str(tmp_path)
    logo = Image.objects.create(title="Acme", file=logo_file())
    branding = make_branding(with_logo=False, logo=logo)
    course_index()
    course = make_course(title="Sterk op LinkedIn", lessons=1)
    member = MemberFactory(email=EMAIL, language="nl", display_name="Fleur de Vries")
    completion = services.complete_lesson(member=member, lesson=lessons_of(course)[0]).course_completion
    return branding, completion, Path(tmp_path)


def serve_media(page, base, media_root: Path):
    """The test server does not serve uploads: the browser gets them from MEDIA_ROOT."""

    def handle(route):
        path = media_root / route.request.url.split("/media/", 1)[1]
        route.fulfill(status=200, body=path.read_bytes(), content_type="image/png")

    page.route(f"{base}/media/**", handle)


def log_in(page, base):
    page.goto(base + "/login/")
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_branded_home_and_certificate(live_server, new_context, artifacts, branded_site, viewport):
    branding, completion, media_root = branded_site
    base = live_server.url
    name = "phone" if viewport["width"] < 500 else "desktop"
    page = new_context(locale="nl-NL", viewport=viewport).new_page()
    serve_media(page, base, media_root)

    page.goto(base + "/")
    brand = page.locator("a.brand")
    assert BRAND_NAME in brand.inner_text()
    logo = brand.locator("img.brand-logo")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    colour = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()")
    assert colour == branding.primary_colour
    page.screenshot(path=str(artifacts / f"branding-home-{name}.png"), full_page=True)

    log_in(page, base)
    page.goto(f"{base}/certificates/{completion.certificate_code}/")
    assert page.locator("html").get_attribute("lang") == "nl"
    certificate = page.get_by_test_id("certificate")
    assert "Fleur de Vries" in certificate.inner_text()
    assert "linkedin.com/profile/add" in page.get_by_test_id("certificate-linkedin").get_attribute("href")
    page.screenshot(path=str(artifacts / f"branding-certificate-{name}.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_test_id("certificate-pdf").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{completion.certificate_code}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
