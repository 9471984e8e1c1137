"""Images in posts (community/services/images.py through posting, moderation and erasure):
checked and re-encoded before anything is stored, at most four, nothing left behind when a
post fails, a held post's images held with it, files removed on delete and erasure."""

import io

import pytest
from PIL import Image

from cms.services.privacy import erase_member, export_member_data
from community import selectors, services
from community.models import Post, PostImage, PostStatus, Thread
from community.services import posting
from core.uploads import InvalidUpload
from people.models import Role
from tests.community.conftest import image_bytes, image_upload, stored_files
from tests.community.factories import PostFactory, SpaceFactory, ThreadFactory, trusted
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(db):
    return SpaceFactory()


@pytest.fixture
def author(space):
    return trusted(MemberFactory(display_name="Anna"), space)


def test_images_are_stored_reencoded_in_order_in_private_storage(space, author, settings):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    jpeg = image_bytes(size=(64, 48), fmt="JPEG", exif=exif.tobytes())
    thread, post = services.create_thread(
        member=author,
        space=space,
        title="Beurs",
        body="Foto's van de beurs",
        images=[image_upload("beurs.jpg", jpeg, "image/jpeg"), image_upload("twee.png")],
    )
    images = list(post.images.all())
    assert [(i.position, i.width, i.height) for i in images] == [(0, 64, 48), (1, 40, 30)]
    assert images[0].image.url.startswith("/community/media/community/posts/")
    assert "beurs" not in images[0].image.name  # a random name, not the upload's
    data = images[0].image.read()
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as reopened:
        assert reopened.format == "JPEG"
    files = stored_files(settings)
    assert len(files) == 2 and all(str(f).startswith(str(settings.PRIVATE_MEDIA_ROOT)) for f in files)


def test_a_reply_carries_images_too(space, author):
    thread = ThreadFactory(space=space)
    post = services.create_post(member=author, thread=thread, body="Kijk", images=[image_upload()])
    assert post.status == PostStatus.PUBLISHED and post.images.count() == 1


@pytest.mark.parametrize(
    ("images", "code", "message"),
    [
        ([image_upload("fake.png", b"not an image at all")], "invalid_upload", "not a valid image"),
        ([image_upload()] * 5, "too_many_images", "at most 4 images"),
    ],
)
def test_a_refused_image_stores_nothing(space, author, settings, images, code, message):
    with pytest.raises(InvalidUpload) as refused:
        services.create_thread(member=author, space=space, title="x", body="Met plaatjes", images=images)
    assert refused.value.code == code and message in str(refused.value.message)
    assert not Thread.objects.filter(title="x").exists()
    assert not PostImage.objects.exists() and stored_files(settings) == []


def test_a_too_large_image_stores_nothing(space, author, settings):
    settings.STORY_IMAGE_MAX_BYTES = 1000
    thread = ThreadFactory(space=space)
    big = image_upload("big.png", image_bytes(size=(300, 300), fmt="BMP"))  # ~270 kB
    with pytest.raises(InvalidUpload, match="larger than"):
        services.create_post(member=author, thread=thread, body="Groot", images=[image_upload(), big])
    assert not Post.objects.filter(body="Groot").exists() and stored_files(settings) == []


def test_files_stored_for_a_post_that_then_fails_are_deleted(space, author, settings, monkeypatch):
    def boom(post):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(posting, "published", boom)
    with pytest.raises(RuntimeError):
        services.create_post(
            member=author, thread=ThreadFactory(space=space), body="Bijna", images=[image_upload(), image_upload()]
        )
    assert not Post.objects.filter(body="Bijna").exists()
    assert not PostImage.objects.exists() and stored_files(settings) == []


def test_a_held_posts_images_are_held_with_it(space):
    newbie, other = MemberFactory(), MemberFactory()
    thread, post = services.create_thread(
        member=newbie, space=space, title="Hoi", body="Mijn eerste foto", images=[image_upload()]
    )
    assert post.status == PostStatus.PENDING and post.images.count() == 1
    assert list(selectors.posts_in(thread=thread, member=other)) == []
    assert [p.images.count() for p in selectors.posts_in(thread=thread, member=newbie)] == [1]


def test_moderation_delete_removes_the_images_and_their_files(
    space, author, settings, django_capture_on_commit_callbacks
):
    thread, post = services.create_thread(
        member=author, space=space, title="Weg", body="Ongepast", images=[image_upload(), image_upload()]
    )
    assert len(stored_files(settings)) == 2
    master = MemberFactory(role=Role.MASTER)
    services.moderate_post(moderator=master, post=post, action="hide", reason="even kijken")
    assert len(stored_files(settings)) == 2  # hidden: kept, a moderator may restore it
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate_post(moderator=master, post=post, action="delete", reason="ongepast")
    assert not PostImage.objects.exists() and stored_files(settings) == []


def test_erasure_deletes_the_members_post_images_and_the_export_lists_them(
    space, author, settings, django_capture_on_commit_callbacks
):
    other = MemberFactory()
    thread, answered = services.create_thread(
        member=author, space=space, title="Vraag", body="Wie herkent dit?", images=[image_upload()]
    )
    PostFactory(thread=thread, author=other, body="Ik!")
    services.create_post(member=author, thread=ThreadFactory(space=space), body="Alleen", images=[image_upload()])
    kept = services.create_post(member=trusted(other, space), thread=thread, body="Mijn foto", images=[image_upload()])

    exported = export_member_data(member=author, by=author)
    rows = exported["community_post_images"]
    assert len(rows) == 2 and {r["width"] for r in rows} == {40}
    assert all(r["image"].startswith("community/posts/") for r in rows)

    master = MemberFactory(role=Role.MASTER)
    with django_capture_on_commit_callbacks(execute=True):
        erase_member(member=author, by=master)
    answered.refresh_from_db()
    assert answered.body == "Wie herkent dit?" and answered.author is None  # text kept, images not
    assert list(PostImage.objects.values_list("post_id", flat=True)) == [kept.pk]
    assert len(stored_files(settings)) == 1
