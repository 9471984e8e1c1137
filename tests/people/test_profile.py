import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from people.models import Member

pytestmark = pytest.mark.django_db


def png(width=64, height=64, fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 102, 194)).save(buffer, fmt)
    return buffer.getvalue()


def post_profile(client, member, **extra):
    data = {
        "display_name": "New Name",
        "language": "en",
        "network_size": "250",
        "email_notifications": "on",
    }
    data.update(extra)
    return client.post("/profile/", data)


def test_member_edits_own_profile(logged_in, member):
    response = post_profile(logged_in, member)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "New Name"
    assert member.network_size == 250
    assert member.email_outside_office_hours is False


def test_language_change_also_sets_the_admin_language(logged_in, member):
    from wagtail.users.models import UserProfile

    post_profile(logged_in, member, language="nl")
    assert UserProfile.get_for_user(member).preferred_language == "nl"
    response = logged_in.get("/learn/")
    assert response.headers["Content-Language"] == "nl"


def test_a_valid_avatar_is_stored(logged_in, member, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        response = post_profile(logged_in, member, avatar=SimpleUploadedFile("me.png", png(), "image/png"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.avatar.name.startswith("avatars/")


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("me.png", b"<?php echo 'not an image'; ?>", "image/png"), b"valid image"),
        (SimpleUploadedFile("me.gif", png(fmt="GIF"), "image/gif"), b"JPEG, PNG or WebP"),
    ],
)
def test_bad_avatars_are_refused_with_a_message(logged_in, member, tmp_path, upload, message):
    with override_settings(MEDIA_ROOT=tmp_path):
        response = post_profile(logged_in, member, avatar=upload)
    assert response.status_code == 200
    assert message in response.content
    assert not Member.objects.get(pk=member.pk).avatar
    assert list(tmp_path.iterdir()) == []


def test_oversized_and_bomb_avatars_are_refused(logged_in, member, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path, AVATAR_MAX_BYTES=1024):
        response = post_profile(logged_in, member, avatar=SimpleUploadedFile("big.png", png(400, 400) * 3, "image/png"))
    assert b"larger than" in response.content
    # A small file that claims enormous dimensions (a decompression bomb).
    with override_settings(MEDIA_ROOT=tmp_path, AVATAR_MAX_PIXELS=10_000):
        response = post_profile(logged_in, member, avatar=SimpleUploadedFile("bomb.png", png(1000, 1000), "image/png"))
    assert b"too many pixels" in response.content
    assert not Member.objects.get(pk=member.pk).avatar


def test_language_switch_for_anonymous_visitors_sets_a_cookie(client):
    response = client.post("/language/", {"language": "en", "next": "/learn/"})
    assert response.status_code == 302 and response["Location"] == "/learn/"
    assert response.cookies["django_language"].value == "en"
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_language_switch_is_stored_for_members(logged_in, member):
    logged_in.post("/language/", {"language": "nl", "next": "/learn/"})
    member.refresh_from_db()
    assert member.language == "nl"
