"""The 6 C's radar chart as plain SVG geometry, computed on the server (no chart library):
six axes, rings at 1–5, one polygon per series."""

import math
from dataclasses import dataclass

SIZE = 320
CENTRE = SIZE / 2
RADIUS = 110
# Room either side for the labels ("Conversaties" at the right, "Continuous" at the left).
LABEL_ROOM = 70
MAX_SCORE = 5


@dataclass
class Axis:
    key: str
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        round(CENTRE + RADIUS * fraction * math.cos(angle), 1),
        round(CENTRE + RADIUS * fraction * math.sin(angle), 1),
    )


def chart(rows: list[tuple[str, str, float | None]]) -> dict:
    """Geometry for ``rows`` of (key, label, score 1–5 or None): axes, rings and the polygon."""
    count = len(rows)
    axes = []
    for i, (key, label, _score) in enumerate(rows):
        x, y = _point(i, count, 1)
        lx, ly = _point(i, count, 1.22)
        anchor = "middle" if abs(lx - CENTRE) < 5 else ("start" if lx > CENTRE else "end")
        axes.append(Axis(key, str(label), x, y, lx, ly, anchor))
    rings = [
        " ".join(f"{x},{y}" for x, y in (_point(i, count, level / MAX_SCORE) for i in range(count)))
        for level in range(1, MAX_SCORE + 1)
    ]
    polygon = " ".join(
        f"{x},{y}" for x, y in (_point(i, count, (score or 0) / MAX_SCORE) for i, (_k, _l, score) in enumerate(rows))
    )
    return {
        "size": SIZE,
        "view_box": f"{-LABEL_ROOM} 0 {SIZE + 2 * LABEL_ROOM} {SIZE}",
        "centre": CENTRE,
        "axes": axes,
        "rings": rings,
        "polygon": polygon,
    }
