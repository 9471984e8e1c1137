"""Post images on the pages: served only by ``community.views.post_media`` to who may see the
post (never under /media/), shown lazily with alt text on the thread page, uploaded through
the reply and new-thread forms, and a thread page whose query count does not grow with them."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import timezone
from rest_framework.authtoken.models import Token

from community import services
from community.models import Post, PostImage, PostStatus, Sanction
from people.models import Role
from tests.community.conftest import image_upload, stored_files
from tests.community.factories import PostFactory, SpaceFactory, ThreadFactory, trusted
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


def status(client, url):
    response = client.get(url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content)  # the file itself
        assert response["Cache-Control"].startswith("private")
    return response.status_code


@pytest.fixture
def sales():
    return DepartmentFactory(name="Sales")


@pytest.fixture
def space(sales):
    return SpaceFactory(read_audience="department", department=sales)


def _post_with_image(space, author, **kwargs):
    thread = ThreadFactory(space=space)
    post = services.create_post(member=author, thread=thread, body="Met foto", images=[image_upload()], **kwargs)
    return post, post.images.get().image.url


def test_a_published_posts_image_is_served_to_readers_only(space, sales, client_for):
    author = trusted(MemberFactory(department=sales), space)
    post, url = _post_with_image(space, author)
    assert post.status == PostStatus.PUBLISHED
    assert resolve(url).url_name == "post_media" and not url.startswith("/media/")
    colleague = MemberFactory(department=sales)
    outsider = MemberFactory(department=DepartmentFactory(name="Finance"))
    assert status(client_for(colleague), url) == 200
    assert status(client_for(MemberFactory(role=Role.MASTER)), url) == 200
    assert status(client_for(outsider), url) == 404  # another department: the space is not theirs
    assert status(Client(), url) == 404  # not signed in
    assert status(Client(), "/media/" + post.images.get().image.name) == 404
    assert status(client_for(colleague), "/community/media/community/posts/none.png") == 404


def test_a_held_posts_image_is_seen_by_its_author_and_moderators_only(space, sales, client_for):
    newbie = MemberFactory(department=sales)
    moderator = MemberFactory(department=DepartmentFactory(name="Finance"))
    space.moderators.add(moderator)
    post, url = _post_with_image(space, newbie)
    assert post.status == PostStatus.PENDING
    assert status(client_for(newbie), url) == 200
    assert client_for(newbie).get(url)["Cache-Control"] == "private, no-store"
    assert status(client_for(moderator), url) == 200
    assert status(client_for(MemberFactory(department=sales)), url) == 404
    services.moderate_post(moderator=moderator, post=post, action="approve")
    assert status(client_for(MemberFactory(department=sales)), url) == 200


def test_a_suspended_or_hidden_posts_reader_gets_404(space, sales, client_for):
    author = trusted(MemberFactory(department=sales), space)
    post, url = _post_with_image(space, author)
    reader = MemberFactory(department=sales)
    master = MemberFactory(role=Role.MASTER)
    suspended = MemberFactory(department=sales)
    Sanction.objects.create(member=suspended, kind="suspend", until=timezone.now() + datetime.timedelta(days=3))
    assert status(client_for(reader), url) == 200
    assert status(client_for(suspended), url) == 404
    services.moderate_post(moderator=master, post=post, action="hide", reason="check")
    assert status(client_for(reader), url) == 404
    assert status(client_for(author), url) == 200  # their own hidden post
    assert status(client_for(master), url) == 200


def test_an_app_with_a_readers_api_token_gets_the_image(space, sales):
    author = trusted(MemberFactory(department=sales), space)
    _post, url = _post_with_image(space, author)
    reader = MemberFactory(department=sales)
    assert status(Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reader).key}"), url) == 200
    assert status(Client(HTTP_AUTHORIZATION="Token wrong"), url) == 404


def test_the_thread_page_shows_images_lazily_with_alt_text(space, sales, client_for):
    author = trusted(MemberFactory(department=sales, display_name="Anna"), space)
    post, url = _post_with_image(space, author)
    nl = MemberFactory(department=sales, language="nl")
    page = client_for(nl).get(f"/community/threads/{post.thread_id}/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f'src="{url}"' in page and 'loading="lazy"' in page
    assert 'alt="Afbeelding bij bericht van Anna"' in page
    assert 'width="40" height="30"' in page
    assert 'name="images"' in page and 'accept="image/jpeg,image/png,image/webp"' in page and " multiple" in page
    assert 'enctype="multipart/form-data"' in page


def test_the_forms_upload_images_and_show_a_refusal(client_for, settings):
    space = SpaceFactory()
    member = trusted(MemberFactory(), space)
    client = client_for(member)
    form = client.get(f"/community/spaces/{space.pk}/new/").content.decode()
    assert 'name="images"' in form and 'enctype="multipart/form-data"' in form
    client.post(
        f"/community/spaces/{space.pk}/new/",
        {"title": "Foto's", "body": "Van de beurs", "website": "", "images": [image_upload(), image_upload()]},
    )
    thread = space.threads.get(title="Foto's")
    assert PostImage.objects.filter(post__thread=thread).count() == 2
    client.post(
        f"/community/threads/{thread.pk}/reply/",
        {"body": "Nog eentje", "website": "", "images": [image_upload("x.png", b"no image")]},
    )
    assert not Post.objects.filter(body="Nog eentje").exists() and len(stored_files(settings)) == 2
    page = client.get(f"/community/threads/{thread.pk}/").content.decode()
    assert "is not a valid image" in page
    client.post(f"/community/threads/{thread.pk}/reply/", {"body": "Nog eentje", "images": [image_upload()]})
    assert Post.objects.get(body="Nog eentje").images.count() == 1


def test_the_anonymous_image_alt_without_an_author(client_for):
    space = SpaceFactory()
    post = PostFactory(thread=ThreadFactory(space=space), author=None)
    PostImage.objects.create(post=post, image="community/posts/x.png", width=10, height=10)
    page = client_for(MemberFactory()).get(f"/community/threads/{post.thread_id}/").content.decode()
    assert 'alt="Image with the post"' in page


def test_the_thread_page_queries_do_not_grow_with_images(client_for, django_assert_max_num_queries):
    space = SpaceFactory()
    thread = ThreadFactory(space=space)
    client = client_for(MemberFactory())

    def grow(n):
        for _ in range(n):
            post = PostFactory(thread=thread)
            for position in range(3):
                PostImage.objects.create(
                    post=post, image=f"community/posts/{post.pk}-{position}.png", position=position, width=8, height=6
                )

    grow(2)
    client.get(f"/community/threads/{thread.pk}/")  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/community/threads/{thread.pk}/").status_code == 200
    grow(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"/community/threads/{thread.pk}/")
    assert page.content.decode().count('class="post-image"') == 42
