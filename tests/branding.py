"""A branded organisation for the tests of every place that shows the branding (site
head, e-mails, badges issuer, certificates, public stories)."""

BRAND_NAME = "Acme Zorg"
BRAND_PRIMARY = "#0b6e4f"
BRAND_ACCENT = "#f2a541"


def make_branding(*, with_logo: bool = True, **fields):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import BrandingSettings

    branding = BrandingSettings.load()
    branding.organisation_name = fields.pop("organisation_name", BRAND_NAME)
    branding.primary_colour = fields.pop("primary_colour", BRAND_PRIMARY)
    branding.accent_colour = fields.pop("accent_colour", BRAND_ACCENT)
    if with_logo:
        branding.logo = Image.objects.create(title="Acme logo", file=get_test_image_file(size=(240, 80)))
    for name, value in fields.items():
        setattr(branding, name, value)
    branding.save()
    return branding


def branded_organisation(settings, tmp_path, **fields):
    """The organisation "Acme Zorg" in green and orange, with a 240×80 logo (files in a
    temporary MEDIA_ROOT). For a test module's ``branded`` fixture."""
    settings.MEDIA_ROOT = str(tmp_path)
    return make_branding(**fields)


def html_of(message) -> str:
    """The HTML alternative of a sent e-mail (there must be exactly one)."""
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html
