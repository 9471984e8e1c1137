"""Open Badges 2.0 hosted verification: the JSON-LD for the issuer, badge classes and
assertions, badge images and baked PNGs.

Spec: https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html and
the baking spec next to it. The recipient is a salted SHA-256 hash of the member's
e-mail address: the address itself never leaves the database.
"""

import hashlib
import io
import struct
import zlib
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from .models import BadgeAward, BadgeClass

CONTEXT = "https://w3id.org/openbadges/v2"
BAKE_KEYWORD = b"openbadges"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
IMAGE_SIZE = 400
MAX_IMAGE_SIZE = 1024


# --- addresses ------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def issuer_id() -> str:
    return absolute(reverse("gamification:badge_issuer"))


def badge_class_id(badge: BadgeClass) -> str:
    return absolute(reverse("gamification:badge_class_json", args=[badge.pk]))


def badge_class_page_url(badge: BadgeClass) -> str:
    return absolute(reverse("gamification:badge_class", args=[badge.pk]))


def badge_image_url(badge: BadgeClass) -> str:
    return absolute(reverse("gamification:badge_class_image", args=[badge.pk]))


def assertion_id(award: BadgeAward) -> str:
    return absolute(reverse("gamification:badge_assertion_json", args=[award.uuid]))


def assertion_page_url(award: BadgeAward) -> str:
    return absolute(reverse("gamification:badge_assertion", args=[award.uuid]))


def baked_image_url(award: BadgeAward) -> str:
    return absolute(reverse("gamification:badge_assertion_png", args=[award.uuid]))


def issuer_name() -> str:
    return getattr(settings, "BADGE_ISSUER_NAME", "") or settings.WAGTAIL_SITE_NAME


# --- JSON-LD --------------------------------------------------------------------------


def hashed_identity(email: str, salt: str) -> str:
    """``sha256$`` + hex SHA-256 of the (lower-cased) address followed by the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def issuer_json() -> dict:
    data = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_id(),
        "name": issuer_name(),
        "url": settings.BASE_URL,
    }
    email = getattr(settings, "BADGE_ISSUER_EMAIL", "")
    if email:
        data["email"] = email
    return data


def badge_class_json(badge: BadgeClass, *, narrative: str) -> dict:
    """``narrative``: how the badge is earned, in words (``badges.how_to_earn``)."""
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_id(badge),
        "name": badge.display_name,
        "description": badge.display_description,
        "image": badge_image_url(badge),
        "criteria": {"id": badge_class_page_url(badge), "narrative": narrative},
        "issuer": issuer_id(),
    }


def assertion_json(award: BadgeAward) -> dict:
    """The hosted assertion of a (not revoked) award. Needs ``award.member`` for the hash
    only: nothing else about the member is published."""
    data = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_id(award),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": award.salt,
            "identity": hashed_identity(award.member.email, award.salt),
        },
        "badge": badge_class_id(award.badge),
        "issuedOn": award.awarded_at.isoformat(),
        "verification": {"type": "HostedBadge"},
        "image": baked_image_url(award),
    }
    if award.reason:
        data["narrative"] = award.reason
    return data


def revoked_json(award: BadgeAward) -> dict:
    """What a revoked hosted assertion answers (with HTTP 410 Gone)."""
    data = {"@context": CONTEXT, "type": "Assertion", "id": assertion_id(award), "revoked": True}
    if award.revocation_reason:
        data["revocationReason"] = award.revocation_reason
    return data


# --- images ---------------------------------------------------------------------------


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


# --- baking (PNG iTXt chunk) ----------------------------------------------------------


def iter_chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(type, data) of each chunk of a PNG; raises ValueError when it is not one."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("Not a PNG file")
    position = len(PNG_SIGNATURE)
    while position < len(png):
        if position + 8 > len(png):
            raise ValueError("Truncated PNG chunk")
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        if len(data) != length:
            raise ValueError("Truncated PNG chunk")
        yield kind, data
        position += 12 + length


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def itxt(keyword: bytes, text: str) -> bytes:
    """An uncompressed iTXt chunk: keyword, NUL, compression flag 0, method 0, empty
    language tag, NUL, empty translated keyword, NUL, UTF-8 text."""
    return chunk(b"iTXt", keyword + b"\x00" + b"\x00\x00" + b"\x00" + b"\x00" + text.encode("utf-8"))


def _is_openbadges_chunk(kind: bytes, data: bytes) -> bool:
    return kind in (b"iTXt", b"tEXt", b"zTXt") and data.split(b"\x00", 1)[0] == BAKE_KEYWORD


def bake(png: bytes, text: str) -> bytes:
    """``png`` with one iTXt ``openbadges`` chunk holding ``text`` before IEND; an
    earlier openbadges chunk is replaced (the spec allows one)."""
    parts = [PNG_SIGNATURE]
    for kind, data in iter_chunks(png):
        if _is_openbadges_chunk(kind, data):
            continue
        if kind == b"IEND":
            parts.append(itxt(BAKE_KEYWORD, text))
        parts.append(chunk(kind, data))
        if kind == b"IEND":
            break
    return b"".join(parts)


def baked_png(award: BadgeAward) -> bytes:
    """The badge image with the hosted assertion's URL baked in (OB 2.0 hosted)."""
    return bake(badge_png(award.badge), assertion_id(award))
