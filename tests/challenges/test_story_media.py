"""A story's photos and video are private until it is published: its creator and its
reviewers always see them, everyone else (signed in or not) only while it is approved."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import resolve
from django.views.static import serve as serve_static
from rest_framework.authtoken.models import Token

from challenges import services
from challenges.models import Story, StoryImage, StoryStatus
from people.models import Role
from tests.factories import MemberFactory

from .conftest import mp4_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(creator):
    return services.submit_story(
        member=creator,
        text="At the fair",
        images=[upload("fair.png")],
        video=upload("fair.mp4", mp4_bytes(), "video/mp4"),
        photo_consent=True,
    )


def media_urls(story):
    return [image.image.url for image in story.images.all()] + [story.video.url]


def status(client, url):
    response = client.get(url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content)  # the file itself
    return response.status_code


@pytest.fixture
def viewers(creator, editor, ambassador, other_department, client_for):
    """Page clients: who always sees the media and who only once the story is published."""
    stranger = MemberFactory(role=Role.EDITOR, department=other_department)  # another department's editor
    return {
        "always": [client_for(creator), client_for(editor), client_for(MemberFactory(role=Role.MASTER))],
        "published": [client_for(ambassador), client_for(stranger), Client()],
    }


def assert_visible(story, viewers, *, to_everyone: bool):
    for url in media_urls(story):
        assert resolve(url).url_name == "story_media"
        assert [status(c, url) for c in viewers["always"]] == [200, 200, 200]
        expected = 200 if to_everyone else 404
        assert [status(c, url) for c in viewers["published"]] == [expected] * 3


@pytest.mark.parametrize("decision", ["pending", "reject", "request_changes"])
def test_an_unpublished_storys_media_are_for_its_creator_and_reviewers(story, editor, viewers, decision):
    if decision != "pending":
        services.review_story(editor=editor, story=story, decision=decision, feedback="Not like this")
    assert_visible(story, viewers, to_everyone=False)


def test_approved_media_are_public_and_gone_again_when_the_story_is_taken_down(story, editor, viewers):
    services.review_story(editor=editor, story=story, decision="approve")
    assert_visible(story, viewers, to_everyone=True)
    Story.objects.filter(pk=story.pk).update(status=StoryStatus.WITHDRAWN)
    assert_visible(story, viewers, to_everyone=False)


def test_a_withdrawn_storys_media_are_private(story, creator, viewers):
    services.withdraw_story(member=creator, story=story)
    assert_visible(story, viewers, to_everyone=False)


def test_published_and_unpublished_media_stay_out_of_shared_caches(story, editor, client_for, creator):
    url = media_urls(story)[0]
    assert client_for(creator).get(url)["Cache-Control"] == "private, no-store"
    services.review_story(editor=editor, story=story, decision="approve")
    assert client_for(creator).get(url)["Cache-Control"].startswith("private")


def test_an_app_with_the_creators_api_token_gets_the_media(story, creator):
    client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=creator).key}")
    assert status(client, media_urls(story)[0]) == 200
    assert status(Client(HTTP_AUTHORIZATION="Token wrong"), media_urls(story)[0]) == 404


def test_the_files_are_not_in_the_public_media(story, settings):
    """What `make run` serves at /media/ (and a web server pointed at MEDIA_ROOT) does not
    have them: they are under PRIVATE_MEDIA_ROOT."""
    names = [image.image.name for image in story.images.all()] + [story.video.name]
    for name in names:
        with pytest.raises(Http404):
            serve_static(RequestFactory().get(f"/media/{name}"), name, document_root=settings.MEDIA_ROOT)
        assert (settings.PRIVATE_MEDIA_ROOT / name).is_file()


def test_unknown_names_are_404(client_for, creator, story):
    assert client_for(creator).get("/story-media/stories/images/nothing.png").status_code == 404
    assert client_for(creator).get("/story-media/../../settings.py").status_code == 404


def test_the_pages_and_the_api_show_what_their_reader_may_fetch(story, editor, creator, client_for, api_for):
    image_url = story.images.get().image.url
    assert image_url in client_for(editor).get("/review/").content.decode()
    assert image_url in client_for(creator).get("/stories/mine/").content.decode()
    api_image = api_for(creator).get(f"/api/v1/stories/{story.pk}/").json()["images"][0]["url"]
    assert api_image == f"http://testserver{image_url}"
    services.review_story(editor=editor, story=story, decision="approve")
    public = Client().get(f"/stories/p/{story.public_id}/").content.decode()
    assert f'<img src="{image_url}"' in public
    assert status(Client(), image_url) == 200


def test_the_data_migration_moves_old_public_media_into_private_storage(creator, settings):
    from django.apps import apps

    name = default_storage.save("stories/images/2026/01/old.png", ContentFile(b"png"))
    story = Story.objects.create(creator=creator, title="Old", status="submitted")
    StoryImage.objects.create(story=story, image=name, width=1, height=1)
    migration = importlib.import_module("challenges.migrations.0004_private_media")
    migration.media_out_of_public_media(apps, None)
    assert not default_storage.exists(name)
    assert (settings.PRIVATE_MEDIA_ROOT / name).read_bytes() == b"png"
    assert StoryImage.objects.get(story=story).image.name == name
