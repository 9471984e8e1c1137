"""The badge class image as PNG: the uploaded one, or a simple drawn badge."""

import hashlib
import io

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

from gamification.models import BadgeClass

IMAGE_SIZE = 400
MAX_IMAGE_SIZE = 1024


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    letters = "".join(w[0] for w in words[:2]) or (name[:1] or "?")
    return letters.upper()


def _colour(seed: str) -> tuple[int, int, int]:
    palette = [(25, 97, 164), (0, 122, 94), (142, 68, 173), (192, 57, 43), (211, 84, 0), (44, 62, 80)]
    return palette[int(hashlib.sha256(seed.encode("utf-8")).hexdigest(), 16) % len(palette)]


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: a small bitmap font
        return ImageFont.load_default()


def draw_badge(badge: BadgeClass) -> bytes:
    """A simple round badge: a coloured disc with a ring and the badge's initials."""
    size = IMAGE_SIZE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    colour = _colour(badge.slug or str(badge.pk))
    draw.ellipse((4, 4, size - 5, size - 5), fill=colour + (255,))
    draw.ellipse((24, 24, size - 25, size - 25), outline=(255, 255, 255, 230), width=8)
    text = _initials(badge.name)
    font = _font(150 if len(text) < 2 else 130)
    draw.text((size / 2, size / 2), text, font=font, fill=(255, 255, 255, 255), anchor="mm")
    return _png_bytes(image)


def _png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _uploaded_image_png(badge: BadgeClass) -> bytes:
    with badge.image.open_file() as source, Image.open(source) as opened:
        opened.load()
        image = opened.convert("RGBA")
    image.thumbnail((MAX_IMAGE_SIZE, MAX_IMAGE_SIZE))
    return _png_bytes(image)


def badge_png(badge: BadgeClass) -> bytes:
    """The badge class image as PNG: the uploaded image (converted and scaled down to at
    most 1024 px when needed), or a drawn one when there is none or it cannot be read.
    Cached, keyed by what it is made of, so a changed image or name shows at once."""
    image = badge.image
    source = f"{image.pk}:{image.file.name}:{getattr(image, 'file_hash', '')}" if image else f"drawn:{badge.name}"
    key = "gamification:badge-png:" + hashlib.sha256(f"{badge.pk}:{badge.slug}:{source}".encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        if image is not None:
            try:
                data = _uploaded_image_png(badge)
            except Exception:  # a missing or broken file must not break verification
                data = None
        if data is None:
            data = draw_badge(badge)
        cache.set(key, data, 3600)
    return data
