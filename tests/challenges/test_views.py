"""challenges/views.py: who may open the pages, what they show, the tracked link and the public
story page."""

import pytest

from challenges.models import ShareClick, Story
from challenges.services.review import give_compliment
from challenges.services.sharing import share_story
from gamification.models import PointsEntry
from people.models import Role
from tests.factories import MemberFactory

from .conftest import BROWSER, upload
from .factories import ChallengeFactory, ShareLinkFactory, StoryFactory

pytestmark = pytest.mark.django_db


MEMBER_PAGES = ["/challenges/", "/stories/mine/", "/share/"]


@pytest.mark.parametrize("url", [*MEMBER_PAGES, "/review/", "/challenges/manage/", "/stories/new/"])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("url", MEMBER_PAGES)
def test_member_pages_open_for_everyone(url, ambassador, client_for):
    assert client_for(ambassador).get(url).status_code == 200


@pytest.mark.parametrize(
    ("role", "review", "manage", "submit"),
    [
        (Role.AMBASSADOR, 403, 403, 403),
        (Role.CREATOR, 403, 403, 200),
        (Role.EDITOR, 200, 403, 200),
        (Role.ACTIVATOR, 403, 200, 200),
        (Role.MASTER, 200, 200, 200),
    ],
)
def test_role_pages(role, review, manage, submit, department, client_for):
    api = client_for(MemberFactory(role=role, department=department))
    assert api.get("/review/").status_code == review
    assert api.get("/challenges/manage/").status_code == manage
    assert api.get("/stories/new/").status_code == submit


def test_challenge_page_countdown_and_entries(creator, client_for):
    challenge = ChallengeFactory(title="Trade fair")
    page = client_for(creator).get(f"/challenges/{challenge.pk}/").content.decode()
    assert 'data-testid="countdown"' in page
    assert 'data-testid="submit-entry"' in page
    listing = client_for(creator).get("/challenges/").content.decode()
    assert "Trade fair" in listing


def test_draft_challenge_page_is_404_for_members(master, creator, client_for):
    challenge = ChallengeFactory(draft=True)
    assert client_for(creator).get(f"/challenges/{challenge.pk}/").status_code == 404
    assert client_for(master).get(f"/challenges/{challenge.pk}/").status_code == 200


def test_activator_manages_only_own_department(department, other_department, client_for):
    activator = MemberFactory(role=Role.ACTIVATOR, department=department)
    other = ChallengeFactory(draft=True, audience="departments", departments=[other_department])
    api = client_for(activator)
    assert api.get(f"/challenges/manage/{other.pk}/").status_code == 403
    assert api.post(f"/challenges/manage/{other.pk}/schedule/").status_code == 403


def test_manage_create_preview_and_schedule(master, client_for):
    api = client_for(master)
    response = api.post(
        "/challenges/manage/",
        {
            "title": "Photo of the week",
            "brief": "Show us!",
            "kind": "photo",
            "participation": "individual",
            "audience": "everyone",
            "opens_at": "2030-01-01T09:00",
            "closes_at": "2030-01-08T09:00",
            "points_per_entry": 10,
            "winner_bonus": 50,
            "entries_per_member": 1,
            "winner_rule": "most_points",
        },
    )
    assert response.status_code == 302
    url = response["Location"]
    page = api.get(url).content.decode()
    assert 'data-testid="preview"' in page and "Photo of the week" in page
    pk = int(url.rstrip("/").split("/")[-1])
    api.post(f"/challenges/manage/{pk}/schedule/")
    assert "Scheduled" in api.get(url).content.decode()
    response = api.post(f"/challenges/manage/{pk}/close/", follow=True)
    assert "Only an open challenge can be closed." in response.content.decode()


def test_submit_story_page_and_my_stories(creator, client_for):
    api = client_for(creator)
    response = api.post(
        "/stories/new/", {"title": "Fair", "text": "At the fair", "images": [upload()], "photo_consent": "on"}
    )
    assert response.status_code == 302
    page = api.get("/stories/mine/").content.decode()
    assert "Waiting for review" in page
    response = api.post("/stories/new/", {"text": "", "images": [upload("bad.png", b"junk")], "photo_consent": "on"})
    assert response.status_code == 400
    assert "is not a valid image" in response.content.decode()
    assert Story.objects.count() == 1


def test_review_page_and_edit_visible_to_creator(creator, editor, client_for):
    story = StoryFactory(creator=creator, text="Original words")
    api = client_for(editor)
    queue = api.get("/review/").content.decode()
    assert "Original words" in queue
    assert api.post(f"/review/{story.pk}/", {"decision": "approve", "text": "Edited words"}).status_code == 302
    page = client_for(creator).get("/stories/mine/").content.decode()
    assert "Edited words" in page and "Original words" in page and 'data-testid="edited"' in page


def test_editor_of_another_department_cannot_post_a_decision(creator, other_department, client_for):
    story = StoryFactory(creator=creator, text="x")
    other_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    assert client_for(other_editor).post(f"/review/{story.pk}/", {"decision": "approve"}).status_code == 403


def test_feed_share_redirects_to_the_network(creator, editor, ambassador, client_for):
    story = StoryFactory(creator=creator, approved_by=editor)
    api = client_for(ambassador)
    page = api.get("/share/").content.decode()
    assert 'data-testid="share-linkedin"' in page
    response = api.post(f"/share/{story.pk}/", {"network": "linkedin", "caption": "Proud!"})
    assert response.status_code == 302
    assert response["Location"].startswith("https://www.linkedin.com/sharing/share-offsite/")
    assert PointsEntry.objects.filter(member=ambassador, action="story_shared").count() == 1
    api.post(f"/share/{story.pk}/dismiss/")
    assert 'data-testid="feed-empty"' in api.get("/share/").content.decode()


def test_compliment_page_permissions(master, creator, editor, ambassador, client_for):
    story = StoryFactory(creator=creator, approved_by=editor)
    assert client_for(ambassador).post(f"/stories/{story.pk}/compliment/").status_code == 403
    assert client_for(master).post(f"/stories/{story.pk}/compliment/", {"message": "Top"}).status_code == 302
    assert 'data-testid="compliment"' in client_for(creator).get("/stories/mine/").content.decode()


def test_tracked_link_counts_and_redirects(client, creator, editor, ambassador, client_for):
    story = StoryFactory(creator=creator, approved_by=editor, images=1)
    link = ShareLinkFactory(member=ambassador, story=story)
    url = f"/s/{link.code}?utm_source=linkedin&utm_medium=social&utm_campaign=ambassadors"
    response = client.get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/stories/p/{story.public_id}/?utm_source=linkedin")
    client.get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")  # a retried click
    client.get(url, HTTP_USER_AGENT="facebookexternalhit/1.1", REMOTE_ADDR="203.0.113.10")
    client_for(ambassador).get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.11")  # own click
    assert ShareClick.objects.count() == 1
    assert PointsEntry.objects.filter(member=ambassador, action="share_click").count() == 1
    assert not ShareClick.objects.filter(visitor_hash__contains="203.0.113").exists()
    assert client.get("/s/nope").status_code == 404


def test_public_story_page_has_open_graph_tags(client, creator, editor):
    story = StoryFactory(creator=creator, approved_by=editor, title="We won", images=1)
    page = client.get(f"/stories/p/{story.public_id}/").content.decode()
    assert '<meta property="og:title" content="We won">' in page
    assert '<meta property="og:image" content="http://testserver/story-media/stories/images/' in page
    pending = StoryFactory(creator=creator, text="Not yet")
    assert client.get(f"/stories/p/{pending.public_id}/").status_code == 404


def _queries(client, url, django_assert_max_num_queries, limit=40):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_page_query_counts_do_not_grow(django_assert_max_num_queries, master, creator, editor, ambassador, client_for):
    challenge = ChallengeFactory(entries_per_member=50)
    first = StoryFactory(creator=creator, approved_by=editor, challenge=challenge, images=1)
    give_compliment(by=master, story=first)
    share_story(member=ambassador, story=first, network="x")
    StoryFactory(creator=creator, text="waiting")
    pages = {
        ambassador: ["/share/", "/challenges/"],
        editor: ["/review/"],
        creator: ["/stories/mine/", f"/challenges/{challenge.pk}/"],
        master: ["/challenges/manage/", f"/challenges/manage/{challenge.pk}/"],
    }
    before = {
        (m.pk, url): _queries(client_for(m), url, django_assert_max_num_queries)
        for m, urls in pages.items()
        for url in urls
    }
    for n in range(6):
        story = StoryFactory(creator=creator, approved_by=editor, challenge=challenge, text=f"More {n}", images=1)
        give_compliment(by=master, story=story)
        share_story(member=ambassador, story=story, network="linkedin")
        StoryFactory(creator=creator, text=f"waiting {n}")
        ChallengeFactory(title=f"Another {n}")
    for member, urls in pages.items():
        for url in urls:
            assert _queries(client_for(member), url, django_assert_max_num_queries) <= before[(member.pk, url)], url


def test_feed_speaks_dutch_and_settings_are_in_the_admin(master, department, client_for):
    dutch = MemberFactory(department=department, language="nl")
    page = client_for(dutch).get("/share/").content.decode()
    assert "Deel dit" in page
    assert client_for(master).get("/admin/settings/challenges/sharingsettings/", follow=True).status_code == 200
    assert client_for(MemberFactory(role=Role.EDITOR)).get(
        "/admin/settings/challenges/sharingsettings/"
    ).status_code in (
        302,
        403,
    )
