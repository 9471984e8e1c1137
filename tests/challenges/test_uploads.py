"""core/uploads.py through the stories API, with real files: a clear 400 and nothing stored."""

import io

import pytest
from PIL import Image

from challenges.models import Story, StoryImage

from .conftest import mp4_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def creator_api(creator, api_for):
    return api_for(creator)


def media_files(settings):
    """Every stored file, public or private (story media are private)."""
    roots = [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT]
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def post(client, **data):
    if data.get("images"):
        data.setdefault("photo_consent", True)  # the consent rule has tests of its own
    return client.post("/api/v1/stories/", data, format="multipart")


def test_a_real_photo_is_reencoded_without_exif(creator_api, settings):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS: latitude
    jpeg = png_bytes(size=(64, 48), fmt="JPEG", exif=exif.tobytes())
    assert b"PhoneMaker" in jpeg
    with Image.open(io.BytesIO(jpeg)) as original:
        assert original.getexif().get_ifd(0x8825)  # the location is in the upload
    response = post(creator_api, text="At the fair", images=[upload("fair.jpg", jpeg, "image/jpeg")])
    assert response.status_code == 201, response.json()
    image = StoryImage.objects.get()
    stored = image.image.read()
    assert b"PhoneMaker" not in stored
    with Image.open(io.BytesIO(stored)) as reopened:
        assert reopened.format == "JPEG"
        assert not reopened.getexif()
    assert (image.width, image.height) == (64, 48)
    assert response.json()["images"][0]["url"].startswith("http://testserver/story-media/stories/images/")


def test_png_renamed_mp4_is_refused(creator_api, settings):
    response = post(creator_api, text="x", video=upload("clip.mp4", png_bytes(), "video/mp4"))
    assert response.status_code == 400
    assert "MP4 or MOV" in response.json()["detail"]
    assert Story.objects.count() == 0
    assert media_files(settings) == []


def test_text_renamed_png_is_refused(creator_api, settings):
    response = post(creator_api, text="x", images=[upload("fake.png", b"not an image at all", "image/png")])
    assert response.status_code == 400
    assert "not a valid image" in response.json()["detail"]
    assert Story.objects.count() == 0


def test_gif_is_refused(creator_api):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    response = post(creator_api, text="x", images=[upload("anim.gif", out.getvalue(), "image/gif")])
    assert response.status_code == 400
    assert "JPEG, PNG or WebP" in response.json()["detail"]


def test_decompression_bomb_is_refused(creator_api, settings):
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG")  # a few kB, 400 megapixels
    assert len(out.getvalue()) < 200_000
    response = post(creator_api, text="x", images=[upload("bomb.png", out.getvalue())])
    assert response.status_code == 400
    assert "too many pixels" in response.json()["detail"]
    assert Story.objects.count() == 0
    assert media_files(settings) == []


def test_oversize_image_is_refused(creator_api, settings):
    big = png_bytes() + b"\0" * (11 * 1024 * 1024)
    response = post(creator_api, text="x", images=[upload("big.png", big)])
    assert response.status_code == 400
    assert "larger than 10 MB" in response.json()["detail"]
    assert Story.objects.count() == 0


def test_oversize_video_is_refused(creator_api, settings):
    settings.STORY_VIDEO_MAX_BYTES = 1024
    response = post(creator_api, text="x", video=upload("clip.mp4", mp4_bytes() + b"\0" * 2048, "video/mp4"))
    assert response.status_code == 400
    assert "larger than" in response.json()["detail"]


def test_eleven_images_are_refused(creator_api, settings):
    images = [upload(f"p{n}.png") for n in range(11)]
    response = post(creator_api, text="x", images=images)
    assert response.status_code == 400
    assert Story.objects.count() == 0
    assert media_files(settings) == []


def test_one_bad_image_among_good_ones_stores_nothing(creator_api, settings):
    images = [upload("a.png"), upload("b.png"), upload("c.png", b"junk")]
    response = post(creator_api, text="x", images=images)
    assert response.status_code == 400
    assert StoryImage.objects.count() == 0
    assert media_files(settings) == []


def test_real_mp4_and_mov_are_stored_as_is(creator_api):
    response = post(creator_api, text="Clip", video=upload("clip.bin", mp4_bytes(), "application/octet-stream"))
    assert response.status_code == 201
    story = Story.objects.get()
    assert story.video.name.endswith(".mp4")
    assert story.video.read() == mp4_bytes()
    response = post(creator_api, text="Mov", video=upload("clip.mov", mp4_bytes(b"qt  "), "video/quicktime"))
    assert response.status_code == 201
    assert Story.objects.get(text="Mov").video.name.endswith(".mov")


def test_empty_submission_is_a_400(creator_api):
    response = post(creator_api, text="  ")
    assert response.status_code == 400
    assert response.json()["detail"] == "Add some text, a photo, a video or a link."


def test_ten_images_are_fine(creator_api):
    response = post(creator_api, images=[upload(f"p{n}.png") for n in range(10)])
    assert response.status_code == 201
    assert StoryImage.objects.count() == 10
