"""core/uploads.py on its own: what every image upload (story photos, community post images)
goes through. Through the stories API: tests/challenges/test_uploads.py; through community
posts: tests/community/services/test_images.py."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.errors import InvalidInput
from core.uploads import InvalidUpload, check_video, clean_image


def _file(content: bytes, name="photo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _image(size=(40, 30), fmt="PNG", **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 200, 10)).save(out, format=fmt, **options)
    return out.getvalue()


def test_an_image_is_reencoded_without_its_metadata_and_named_by_its_real_format():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    jpeg = _image(size=(64, 48), fmt="JPEG", exif=exif.tobytes())
    cleaned = clean_image(_file(jpeg, name="holiday.png", content_type="image/png")).content
    data = cleaned.read()
    assert b"PhoneMaker" not in data
    assert cleaned.name == "holiday.jpg"
    with Image.open(io.BytesIO(data)) as reopened:
        assert reopened.format == "JPEG" and reopened.size == (64, 48) and not reopened.getexif()


def test_refusals_are_invalid_input_with_a_code():
    with pytest.raises(InvalidUpload) as refused:
        clean_image(_file(b"just text", name="fake.png"))
    assert isinstance(refused.value, InvalidInput)
    assert refused.value.code == "invalid_upload" and "not a valid image" in str(refused.value.message)


def test_gif_too_large_and_too_many_pixels_are_refused(settings):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    with pytest.raises(InvalidUpload, match="JPEG, PNG or WebP"):
        clean_image(_file(out.getvalue(), name="a.gif"))
    settings.STORY_IMAGE_MAX_BYTES = 100
    with pytest.raises(InvalidUpload, match="larger than"):
        clean_image(_file(_image(size=(200, 200))))
    settings.STORY_IMAGE_MAX_BYTES = 10 * 1024 * 1024
    settings.STORY_IMAGE_MAX_PIXELS = 100
    with pytest.raises(InvalidUpload, match="too many pixels"):
        clean_image(_file(_image(size=(20, 20))))


def test_videos_are_recognised_by_their_ftyp_box():
    mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41" + b"\x00" * 64
    assert check_video(_file(mp4, name="clip.bin", content_type="application/octet-stream")) == "mp4"
    with pytest.raises(InvalidUpload, match="MP4 or MOV"):
        check_video(_file(_image(), name="clip.mp4", content_type="video/mp4"))
