"""community/views.py: who may open the pages, what they show, the honeypot, and a constant
number of queries on the thread page as posts grow."""

import pytest

from community.models import Post, PostStatus, Report
from people.models import Role
from tests.community.factories import PostFactory, SpaceFactory, ThreadFactory, trusted
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    for url in ("/community/", "/community/moderation/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_spaces_page_in_dutch_with_empty_state(client_for):
    member = MemberFactory(language="nl")
    client = client_for(member)
    page = client.get("/community/", HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 200
    assert 'data-testid="no-spaces"' in page.content.decode()


def test_department_space_pages_are_404_for_others(client_for):
    space = SpaceFactory(read_audience="department", department=DepartmentFactory(name="Sales"))
    thread = ThreadFactory(space=space)
    outsider = client_for(MemberFactory(department=DepartmentFactory(name="Finance")))
    for url in (
        f"/community/spaces/{space.pk}/",
        f"/community/threads/{thread.pk}/",
        f"/community/spaces/{space.pk}/new/",
    ):
        assert outsider.get(url).status_code == 404


def test_queue_is_403_for_non_moderators_and_open_to_space_moderators(client_for):
    space = SpaceFactory()
    moderator = MemberFactory()
    space.moderators.add(moderator)
    PostFactory(thread=ThreadFactory(space=space), status=PostStatus.PENDING, body="Wacht op mij")
    assert client_for(MemberFactory(role=Role.EDITOR)).get("/community/moderation/").status_code == 403
    page = client_for(moderator).get("/community/moderation/")
    assert page.status_code == 200 and "Wacht op mij" in page.content.decode()


def test_new_thread_reply_and_honeypot(client_for):
    space = SpaceFactory()
    member = trusted(MemberFactory(), space)
    client = client_for(member)
    response = client.post(f"/community/spaces/{space.pk}/new/", {"title": "Tip", "body": "Een **tip**", "website": ""})
    thread = space.threads.get(title="Tip")
    assert response.status_code == 302
    client.post(f"/community/threads/{thread.pk}/reply/", {"body": "Van een bot", "website": "http://spam.example"})
    assert not Post.objects.filter(body="Van een bot").exists()
    client.post(f"/community/threads/{thread.pk}/reply/", {"body": "Echt antwoord", "website": ""})
    page = client.get(f"/community/threads/{thread.pk}/").content.decode()
    assert "<strong>tip</strong>" in page and "Echt antwoord" in page and 'name="website"' in page


def test_held_post_is_marked_waiting_for_its_author_and_invisible_to_others(client_for):
    thread = ThreadFactory()
    author, other = MemberFactory(), MemberFactory()
    client_for(author).post(f"/community/threads/{thread.pk}/reply/", {"body": "Mijn eerste bericht"})
    own = client_for(author).get(f"/community/threads/{thread.pk}/").content.decode()
    assert "Mijn eerste bericht" in own and 'data-testid="waiting"' in own
    assert "Mijn eerste bericht" not in client_for(other).get(f"/community/threads/{thread.pk}/").content.decode()


def test_report_and_moderate_from_the_pages(client_for):
    space = SpaceFactory()
    post = PostFactory(thread=ThreadFactory(space=space), body="Koop nu volgers")
    reporter, master = MemberFactory(), MemberFactory(role=Role.MASTER)
    client_for(reporter).post(f"/community/posts/{post.pk}/report/", {"reason": "Reclame"})
    assert Report.objects.filter(post=post, reason="Reclame").exists()
    client_for(master).post(f"/community/posts/{post.pk}/moderate/", {"action": "delete", "reason": "Reclame"})
    post.refresh_from_db()
    assert post.status == PostStatus.DELETED
    forbidden = client_for(reporter).post(f"/community/posts/{post.pk}/moderate/", {"action": "restore"})
    assert forbidden.status_code == 403


def test_the_thread_page_takes_the_same_queries_however_many_posts(client_for, django_assert_max_num_queries):
    space = SpaceFactory()
    thread = ThreadFactory(space=space)
    reader = MemberFactory()
    client = client_for(reader)

    def grow(n):
        for _ in range(n):
            post = PostFactory(thread=thread)
            post.reactions.create(member=MemberFactory(), emoji="👍")
            PostFactory(thread=thread, reply_to=post)

    grow(2)
    client.get(f"/community/threads/{thread.pk}/")  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/community/threads/{thread.pk}/").status_code == 200
    grow(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"/community/threads/{thread.pk}/")
    assert page.content.decode().count('data-testid="post"') == 34
