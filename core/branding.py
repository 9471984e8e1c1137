"""The organisation's branding (name, logo, colours) as plain data, for apps that may not
import ``cms``: e-mails (``people``), the Open Badges issuer (``gamification``),
certificates (``learning``).

``cms`` owns the setting a Social Master edits (``cms.models.BrandingSettings``) and
registers the function that reads it in ``CmsConfig.ready``; until then (or in a project
without ``cms``) ``current()`` answers the defaults from Django's settings.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

DEFAULT_PRIMARY = "#1f4e79"
DEFAULT_ACCENT = "#e8743b"
# The Wagtail rendition of the logo used everywhere (site, e-mail, badges, PDF).
LOGO_FILTER = "max-480x160"


@dataclass(frozen=True)
class Branding:
    organisation_name: str
    primary_colour: str = DEFAULT_PRIMARY
    primary_contrast: str = "#ffffff"
    accent_colour: str = DEFAULT_ACCENT
    accent_contrast: str = "#000000"
    # Absolute URL of the logo (a rendition), "" without one.
    logo_url: str = ""
    # The Wagtail image's id, for code that needs the file itself (the certificate PDF).
    logo_image_id: int | None = None
    # LinkedIn's numeric company id, "" when not set.
    linkedin_organisation_id: str = ""
    contact_email: str = ""
    # Who signs certificates ("Marieke Jansen, Social Master"), "" when nobody is named.
    certificate_signatory: str = ""


_provider: Callable[..., Branding] | None = None


def register(provider: Callable[..., Branding]) -> None:
    """``provider(request=None) -> Branding``; the last one registered wins."""
    global _provider
    _provider = provider


def default() -> Branding:
    return Branding(organisation_name=settings.WAGTAIL_SITE_NAME)


def current(request=None) -> Branding:
    """The branding in force. With ``request`` the provider may cache it on the request
    (Wagtail's settings do); without, it costs the provider's query."""
    if _provider is None:
        return default()
    return _provider(request=request)


# --- colours --------------------------------------------------------------------------


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio (1 to 21) between two ``#rrggbb`` colours."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


AA_TEXT = 4.5


def text_colour_on(background: str) -> str:
    """The text colour for buttons on ``background``: white when it reaches WCAG AA's
    4.5:1, black otherwise (when white fails, black always passes)."""
    return "#ffffff" if contrast_ratio(background, "#ffffff") >= AA_TEXT else "#000000"
