"""What a course certificate says outside its page: the PDF a member downloads and the
link that fills in LinkedIn's "Add licence or certification" form. Both read the
organisation's branding through ``core.branding`` (``cms`` owns the setting).

Presentation only: nothing here changes state. Who may download: ``policies``.
"""

import io
import logging
import os
from urllib.parse import quote, urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core.branding import LOGO_FILTER, Branding

from .models import CourseCompletion

logger = logging.getLogger(__name__)

LINKEDIN_ADD_URL = "https://www.linkedin.com/profile/add"


def certificate_url(completion: CourseCompletion) -> str:
    """The public (verification) page of the certificate, absolute."""
    return settings.BASE_URL.rstrip("/") + reverse("learning:certificate", args=[completion.certificate_code])


def linkedin_add_url(completion: CourseCompletion, *, branding: Branding) -> str:
    """LinkedIn's add-certification form, filled in: the member's browser opens it,
    nothing is sent to LinkedIn from here. With a LinkedIn organisation id in the branding
    the certificate links to that company page (``organizationId``), otherwise it names
    the organisation (``organizationName``)."""
    issued = timezone.localtime(completion.completed_at)
    query = {"startTask": "CERTIFICATION_NAME", "name": completion.course_title}
    if branding.linkedin_organisation_id:
        query["organizationId"] = branding.linkedin_organisation_id
    else:
        query["organizationName"] = branding.organisation_name
    query.update(
        {
            "issueYear": issued.year,
            "issueMonth": issued.month,
            "certUrl": certificate_url(completion),
            "certId": completion.certificate_code,
        }
    )
    return LINKEDIN_ADD_URL + "?" + urlencode(query, quote_via=quote)


def issued_on(completion: CourseCompletion, *, language: str) -> str:
    """The completion date as a reader of ``language`` writes it (``2 december 2026``)."""
    with translation.override(language):
        return formats.date_format(timezone.localtime(completion.completed_at), "j F Y")


# --- PDF ----------------------------------------------------------------------------

_FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]


def _fonts() -> tuple[str, str]:
    """A regular and a bold TrueType font (embedded, so every name prints): DejaVu when
    the system has it, else the Vera fonts that ship with reportlab."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "CertificateSans" in pdfmetrics.getRegisteredFontNames():
        return "CertificateSans", "CertificateSans-Bold"
    regular, bold = "Vera.ttf", "VeraBd.ttf"
    for candidate in _FONT_CANDIDATES:
        if all(os.path.exists(path) for path in candidate):
            regular, bold = candidate
            break
    pdfmetrics.registerFont(TTFont("CertificateSans", regular))
    pdfmetrics.registerFont(TTFont("CertificateSans-Bold", bold))
    return "CertificateSans", "CertificateSans-Bold"


def _logo_reader(branding: Branding):
    """The logo as a reportlab image, or None (no logo, or a file that cannot be read:
    the certificate is still issued without it)."""
    if not branding.logo_image_id:
        return None
    from reportlab.lib.utils import ImageReader
    from wagtail.images import get_image_model

    try:
        image = get_image_model().objects.get(pk=branding.logo_image_id)
        rendition = image.get_rendition(LOGO_FILTER)
        with rendition.file.open("rb") as handle:
            return ImageReader(io.BytesIO(handle.read()))
    except Exception:
        logger.warning("certificate logo %s unreadable", branding.logo_image_id, exc_info=True)
        return None


def _fit(canvas, text: str, font: str, size: float, max_width: float) -> float:
    """The font size at most ``size`` at which ``text`` fits ``max_width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while size > 8 and stringWidth(text, font, size) > max_width:
        size -= 1
    return size


def render_pdf(completion: CourseCompletion, *, branding: Branding) -> bytes:
    """The certificate as a one-page A4 landscape PDF, in the member's language."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas as pdf_canvas

    language = completion.member.language or settings.LANGUAGE_CODE
    regular, bold = _fonts()
    width, height = landscape(A4)
    buffer = io.BytesIO()
    c = pdf_canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    brand, accent = HexColor(branding.primary_colour), HexColor(branding.accent_colour)
    url = certificate_url(completion)
    with translation.override(language):
        title = _("Certificate of completion")
        c.setTitle(f"{title}: {completion.course_title}")
        c.setAuthor(branding.organisation_name)
        c.setSubject(completion.member_name)
        c.setCreator(branding.organisation_name)

        # Frame: a band in the brand colour along the top, a thin accent line under it.
        c.setFillColor(brand)
        c.rect(0, height - 28, width, 28, stroke=0, fill=1)
        c.setFillColor(accent)
        c.rect(0, height - 34, width, 6, stroke=0, fill=1)
        c.setStrokeColor(brand)
        c.setLineWidth(1.5)
        c.rect(28, 28, width - 56, height - 84, stroke=1, fill=0)

        top = height - 70
        logo = _logo_reader(branding)
        if logo is not None:
            w, h = logo.getSize()
            scale = min(200 / w, 64 / h)
            c.drawImage(logo, (width - w * scale) / 2, top - h * scale, w * scale, h * scale, mask="auto")
            top -= h * scale + 18
        else:
            c.setFillColor(brand)
            c.setFont(bold, 20)
            c.drawCentredString(width / 2, top - 20, branding.organisation_name)
            top -= 44

        c.setFillColor(HexColor("#555555"))
        c.setFont(regular, 14)
        c.drawCentredString(width / 2, top - 24, title.upper())

        c.setFillColor(HexColor("#111111"))
        size = _fit(c, completion.course_title, bold, 30, width - 140)
        c.setFont(bold, size)
        c.drawCentredString(width / 2, top - 76, completion.course_title)

        c.setFont(regular, 14)
        c.drawCentredString(width / 2, top - 118, _("awarded to"))
        size = _fit(c, completion.member_name, bold, 26, width - 140)
        c.setFont(bold, size)
        c.setFillColor(brand)
        c.drawCentredString(width / 2, top - 152, completion.member_name)

        c.setFillColor(HexColor("#111111"))
        c.setFont(regular, 14)
        on = _("on %(date)s, %(organisation)s") % {
            "date": issued_on(completion, language=language),
            "organisation": branding.organisation_name,
        }
        c.drawCentredString(width / 2, top - 190, on)
        if branding.certificate_signatory:
            c.setFont(regular, 12)
            c.setFillColor(HexColor("#555555"))
            c.drawCentredString(width / 2, top - 214, branding.certificate_signatory)

        c.setFillColor(HexColor("#333333"))
        c.setFont(regular, 10)
        credential_label, verify_label = _("Credential id"), _("Verify at")
        c.drawString(48, 60, f"{credential_label}: {completion.certificate_code}")
        c.drawString(48, 46, f"{verify_label}: {url}")
        c.linkURL(url, (48, 40, width - 48, 58), relative=0)
    c.showPage()
    c.save()
    return buffer.getvalue()
