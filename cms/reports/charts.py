"""Weekly trend charts as inline SVG, drawn on the server: no JavaScript, no CDN."""

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 560, 180, 36, 24, 12


def line_chart(*, label: str, weeks: list, values: list[int]) -> str:
    """A labelled line chart with a table fallback title for screen readers."""
    if not weeks:
        return ""
    top = max(values) if values and max(values) > 0 else 1
    inner_w = WIDTH - PAD_LEFT - 8
    inner_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    step = inner_w / max(len(weeks) - 1, 1)

    def point(i, v):
        return PAD_LEFT + i * step, PAD_TOP + inner_h - (v / top) * inner_h

    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="#0a66c2"><title>{}: {}</title></circle>',
        (
            (f"{x:.1f}", f"{y:.1f}", weeks[i].isoformat(), values[i])
            for i, (x, y) in enumerate(point(i, v) for i, v in enumerate(values))
        ),
    )
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="10" fill="#555">{}</text>',
        (
            (f"{point(i, 0)[0]:.1f}", HEIGHT - 6, weeks[i].strftime("%d-%m"))
            for i in range(0, len(weeks), max(1, len(weeks) // 6))
        ),
    )
    return format_html(
        '<svg class="chart" width="100%" viewBox="0 0 {w} {h}" role="img" aria-label="{label}">'
        "<title>{label}</title>"
        '<line x1="{pl}" y1="{base}" x2="{w}" y2="{base}" stroke="#ccc"/>'
        '<text x="2" y="{ty}" font-size="10" fill="#555">{top}</text><text x="2" y="{base}" font-size="10" fill="#555">0</text>'
        '<polyline fill="none" points="{points}" stroke="#0a66c2" stroke-width="2"/>{dots}{ticks}</svg>',
        w=WIDTH,
        h=HEIGHT,
        label=label,
        pl=PAD_LEFT,
        base=PAD_TOP + inner_h,
        ty=PAD_TOP + 4,
        top=top,
        points=points,
        dots=dots,
        ticks=ticks,
    )
