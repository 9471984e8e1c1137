"""The monthly management summary as a PDF (reportlab, the fonts the certificates use).
Presentation only: the figures come from ``selectors.monthly_summary``."""

import io

from django.utils import formats, translation
from django.utils.translation import gettext as _

from core.branding import Branding
from learning.certificates import _fonts


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if stringWidth(candidate, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def render_summary_pdf(summary: dict, *, branding: Branding, language: str) -> bytes:
    """One or more A4 pages: the month, the scope, then what is measured, self-reported,
    estimated and unknown, and the goals, in ``language``."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    regular, bold = _fonts()
    width, height = A4
    buffer = io.BytesIO()
    c = pdf_canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    with translation.override(language):
        title = _("Monthly management summary")
        month = formats.date_format(summary["month"], "F Y")
        c.setTitle(f"{title} {month}")
        c.setAuthor(branding.organisation_name)
        c.setFillColor(HexColor(branding.primary_colour))
        c.rect(0, height - 24, width, 24, stroke=0, fill=1)
        c.setFillColor(HexColor("#111111"))
        c.setFont(bold, 18)
        c.drawString(48, height - 70, f"{title}: {month}")
        c.setFont(regular, 11)
        scope = summary["department"].name if summary["department"] else _("The whole organisation")
        c.drawString(48, height - 90, f"{branding.organisation_name} · {scope}")
        y = height - 130
        report = summary["report"]
        if report is None or report.get("suppressed"):
            note = (
                report["suppressed_note"]
                if report
                else _("Stories, shares and goals are not part of this installation.")
            )
            items = [("", note)]
        else:
            items = summary["statements"]
        for label, sentence in items:
            if label:
                c.setFont(bold, 12)
                c.drawString(48, y, label)
                y -= 16
            c.setFont(regular, 11)
            for line in _lines(sentence, regular, 11, width - 96):
                if y < 60:
                    c.showPage()
                    y = height - 60
                    c.setFont(regular, 11)
                c.drawString(48, y, line)
                y -= 15
            y -= 10
    c.showPage()
    c.save()
    return buffer.getvalue()
