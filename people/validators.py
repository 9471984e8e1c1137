from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_avatar(upload):
    """Reject anything that is not a modest JPEG/PNG/WebP: wrong type, a lying extension,
    an oversize file or a decompression bomb."""
    if upload.size > settings.AVATAR_MAX_BYTES:
        raise ValidationError(
            _("The image is larger than %(mb)s MB.") % {"mb": settings.AVATAR_MAX_BYTES // 1024 // 1024}
        )
    pos = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            if image.format not in ALLOWED_IMAGE_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP image."))
            width, height = image.size
            if width * height > settings.AVATAR_MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels."))
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image has too many pixels.")) from None
    except Exception:
        raise ValidationError(_("This file is not a valid image.")) from None
    finally:
        if hasattr(upload, "seek"):
            upload.seek(pos)
