"""Images through the API: the new-post and new-thread endpoints take multipart with
``images`` besides JSON; posts answer ``images: [{url, width, height}]``; a refused image
is a 400 with a message and a code, and nothing is stored."""

import pytest
from rest_framework.test import APIClient

from community.models import Post, PostImage, Thread
from tests.community.conftest import image_bytes, image_upload, stored_files
from tests.community.factories import SpaceFactory, ThreadFactory, trusted
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


def client_for(member):
    client = APIClient()
    client.force_login(member)
    return client


@pytest.fixture
def space(db):
    return SpaceFactory()


@pytest.fixture
def author(space):
    return client_for(trusted(MemberFactory(), space))


def test_a_post_with_images_as_multipart(space, author):
    thread = ThreadFactory(space=space)
    answer = author.post(
        f"/api/v1/community/threads/{thread.pk}/posts/",
        {
            "body": "Kijk",
            "images": [image_upload(), image_upload("b.jpg", image_bytes((20, 10), "JPEG"), "image/jpeg")],
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    images = answer.json()["images"]
    assert [(i["width"], i["height"]) for i in images] == [(40, 30), (20, 10)]
    assert images[0]["url"].startswith("http://testserver/community/media/community/posts/")
    listed = author.get(f"/api/v1/community/threads/{thread.pk}/posts/").json()["results"]
    assert listed[0]["images"] == images
    # The URL is served to the member who posted, through the same check as the pages.
    assert author.get(images[0]["url"]).status_code == 200


def test_a_new_thread_with_images_as_multipart_and_json_still_works(space, author):
    answer = author.post(
        f"/api/v1/community/spaces/{space.pk}/threads/",
        {"title": "Beurs", "body": "Foto's", "is_question": "true", "images": [image_upload()]},
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["is_question"] is True and len(answer.json()["first_post"]["images"]) == 1
    plain = author.post(f"/api/v1/community/spaces/{space.pk}/threads/", {"title": "T", "body": "B"}, format="json")
    assert plain.status_code == 201 and plain.json()["first_post"]["images"] == []


@pytest.mark.parametrize(
    ("images", "code"),
    [
        (lambda: [image_upload("fake.png", b"not an image")], "invalid_upload"),
        (lambda: [image_upload() for _ in range(5)], "too_many_images"),
    ],
)
def test_a_refused_image_is_a_400_with_a_code_and_nothing_is_stored(space, author, settings, images, code):
    thread = ThreadFactory(space=space)
    answer = author.post(
        f"/api/v1/community/threads/{thread.pk}/posts/", {"body": "Mis", "images": images()}, format="multipart"
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == code and answer.json()["detail"]
    assert not Post.objects.filter(body="Mis").exists() and not PostImage.objects.exists()
    assert stored_files(settings) == []
    new = author.post(
        f"/api/v1/community/spaces/{space.pk}/threads/",
        {"title": "Mis", "body": "Mis", "images": images()},
        format="multipart",
    )
    assert new.status_code == 400 and new.json()["code"] == code
    assert not Thread.objects.filter(title="Mis").exists() and stored_files(settings) == []


def test_a_too_large_image_is_a_400(space, author, settings):
    settings.STORY_IMAGE_MAX_BYTES = 500
    thread = ThreadFactory(space=space)
    answer = author.post(
        f"/api/v1/community/threads/{thread.pk}/posts/",
        {"body": "Groot", "images": [image_upload("big.png", image_bytes((300, 300), "BMP"))]},
        format="multipart",
    )
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_upload"
    assert "larger than" in answer.json()["detail"] and stored_files(settings) == []


def test_a_held_posts_images_are_not_in_others_answers(space):
    newbie = client_for(MemberFactory())
    thread = ThreadFactory(space=space)
    answer = newbie.post(
        f"/api/v1/community/threads/{thread.pk}/posts/",
        {"body": "Nieuw", "images": [image_upload()]},
        format="multipart",
    )
    assert answer.json()["status"] == "pending"
    url = answer.json()["images"][0]["url"]
    other = client_for(MemberFactory())
    assert other.get(f"/api/v1/community/threads/{thread.pk}/posts/").json()["results"] == []
    assert other.get(url).status_code == 404
    assert newbie.get(url).status_code == 200


def test_another_departments_member_cannot_post_images_in_a_department_space(settings):
    sales = DepartmentFactory(name="Sales")
    space = SpaceFactory(read_audience="department", department=sales)
    thread = ThreadFactory(space=space)
    outsider = client_for(MemberFactory(department=DepartmentFactory(name="Finance")))
    answer = outsider.post(
        f"/api/v1/community/threads/{thread.pk}/posts/", {"body": "Hoi", "images": [image_upload()]}, format="multipart"
    )
    assert answer.status_code == 404 and stored_files(settings) == []


def test_the_posts_list_queries_do_not_grow_with_images(space, author, django_assert_max_num_queries):
    thread = ThreadFactory(space=space)
    url = f"/api/v1/community/threads/{thread.pk}/posts/"

    def grow(n):
        for _ in range(n):
            author.post(url, {"body": f"Foto {Post.objects.count()}", "images": [image_upload()]}, format="multipart")

    grow(2)
    author.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert author.get(url).status_code == 200
    baseline = len(few.captured_queries)  # now: the next request empties the query log
    grow(6)
    with django_assert_max_num_queries(baseline):
        assert len(author.get(url).json()["results"]) == 8
