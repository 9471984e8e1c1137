"""Checking and cleaning what members upload, before anything is stored: story photos and
videos (``challenges``) and community post images (``community``) go through here.

Images are opened by Pillow (never trusted by name or content type), refused when they
are too large or have too many pixels (decompression bombs), and re-encoded: what is
stored is a fresh file with no metadata (EXIF, including the location), turned upright
first. Videos are MP4/MOV recognised by their ``ftyp`` box and stored as they are.
"""

import io
import os
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from core.errors import InvalidInput

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# ISO base media brands of MP4 and QuickTime files a phone or camera writes.
VIDEO_BRANDS = {
    b"isom": "mp4",
    b"iso2": "mp4",
    b"iso4": "mp4",
    b"iso5": "mp4",
    b"iso6": "mp4",
    b"mp41": "mp4",
    b"mp42": "mp4",
    b"avc1": "mp4",
    b"M4V ": "mp4",
    b"MSNV": "mp4",
    b"dash": "mp4",
    b"qt  ": "mov",
}


class InvalidUpload(InvalidInput):
    """An upload refused before anything is stored: its type, size or pixel count (400)."""

    default_code = "invalid_upload"


# The limits keep their story names: one setting for every image upload.
def max_image_bytes() -> int:
    return getattr(settings, "STORY_IMAGE_MAX_BYTES", 10 * 1024 * 1024)


def max_video_bytes() -> int:
    return getattr(settings, "STORY_VIDEO_MAX_BYTES", 200 * 1024 * 1024)


def max_image_pixels() -> int:
    return getattr(settings, "STORY_IMAGE_MAX_PIXELS", 40_000_000)


def _name(upload) -> str:
    return os.path.basename(getattr(upload, "name", "") or "")[:80]


@dataclass
class CleanImage:
    content: ContentFile


def clean_image(upload) -> CleanImage:
    """A re-encoded copy of an uploaded JPEG/PNG/WebP, or ``InvalidUpload`` saying why not."""
    name = _name(upload)
    limit = max_image_bytes()
    if upload.size > limit:
        raise InvalidUpload(_("“%(name)s” is larger than %(mb)s MB.") % {"name": name, "mb": limit // 1024 // 1024})
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; ours is a hard limit.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in IMAGE_FORMATS:
                    raise InvalidUpload(_("“%(name)s” is not a JPEG, PNG or WebP image.") % {"name": name})
                width, height = image.size
                if width * height > max_image_pixels():
                    raise InvalidUpload(_("“%(name)s” has too many pixels.") % {"name": name})
                fmt = image.format
                image.load()
                upright = ImageOps.exif_transpose(image)
    except InvalidUpload:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidUpload(_("“%(name)s” has too many pixels.") % {"name": name}) from None
    except Exception:
        raise InvalidUpload(_("“%(name)s” is not a valid image.") % {"name": name}) from None
    finally:
        upload.seek(0)
    if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    options = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 88}, "PNG": {"optimize": True}}[fmt]
    # No exif=, no icc beyond the colour profile: a fresh file carries no location or camera data.
    icc = upright.info.get("icc_profile")
    if icc:
        options["icc_profile"] = icc
    upright.save(out, format=fmt, **options)
    stem = os.path.splitext(name)[0] or "image"
    return CleanImage(content=ContentFile(out.getvalue(), name=f"{stem[:40]}.{IMAGE_FORMATS[fmt]}"))


def check_video(upload) -> str:
    """The file extension for an MP4/MOV upload, or ``InvalidUpload``: the type is read from
    the file's own ``ftyp`` box, not from its name or the browser's content type."""
    name = _name(upload)
    limit = max_video_bytes()
    if upload.size > limit:
        raise InvalidUpload(_("“%(name)s” is larger than %(mb)s MB.") % {"name": name, "mb": limit // 1024 // 1024})
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    if len(head) < 12 or head[4:8] != b"ftyp" or head[8:12] not in VIDEO_BRANDS:
        raise InvalidUpload(_("“%(name)s” is not an MP4 or MOV video.") % {"name": name})
    return VIDEO_BRANDS[head[8:12]]
