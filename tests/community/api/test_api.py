"""The API contract of issue 13, with permissions per space and role."""

import pytest
from rest_framework.test import APIClient

from community.models import PostStatus
from people.models import Role
from tests.community.factories import PostFactory, SpaceFactory, ThreadFactory, trusted
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db

LOAN_SPAM = "Lening nodig? Snelle lening zonder BKR toetsing, geld binnen 24 uur. Bel of app ons nu!"


def client_for(member):
    client = APIClient()
    client.force_login(member)
    return client


def test_spaces_lists_only_readable_spaces():
    sales = DepartmentFactory(name="Sales")
    open_space = SpaceFactory()
    sales_space = SpaceFactory(read_audience="department", department=sales)
    outsider = MemberFactory(department=DepartmentFactory(name="Finance"))
    ids = [s["id"] for s in client_for(outsider).get("/api/v1/community/spaces/").json()]
    assert open_space.pk in ids and sales_space.pk not in ids
    answer = client_for(outsider).get(f"/api/v1/community/spaces/{sales_space.pk}/threads/")
    assert answer.status_code == 404 and answer.json()["code"] == "space_not_found"
    assert APIClient().get("/api/v1/community/spaces/").status_code in (401, 403)


def test_create_thread_and_posts_with_status():
    space = SpaceFactory()
    author = trusted(MemberFactory(), space)
    answer = client_for(author).post(
        f"/api/v1/community/spaces/{space.pk}/threads/",
        {"title": "Tip", "body": "Gebruik een **banner**"},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    thread = answer.json()
    assert thread["first_post"]["status"] == "published"
    assert "<strong>banner</strong>" in thread["first_post"]["html"]

    reply = client_for(author).post(
        f"/api/v1/community/threads/{thread['id']}/posts/",
        {"body": "En een goede kop", "reply_to": thread["first_post"]["id"]},
        format="json",
    )
    assert reply.status_code == 201 and reply.json()["reply_to"] == thread["first_post"]["id"]
    listed = client_for(MemberFactory()).get(f"/api/v1/community/threads/{thread['id']}/posts/").json()
    assert [p["status"] for p in listed["results"]] == ["published", "published"]


def test_spam_is_pending_invisible_to_others_then_approved_visible():
    space = SpaceFactory()
    spammer, reader = trusted(MemberFactory(), space), MemberFactory()
    moderator = MemberFactory()
    space.moderators.add(moderator)
    thread = ThreadFactory(space=space)
    posted = client_for(spammer).post(
        f"/api/v1/community/threads/{thread.pk}/posts/", {"body": LOAN_SPAM}, format="json"
    )
    assert posted.status_code == 201 and posted.json()["status"] == "pending"
    post_id = posted.json()["id"]
    url = f"/api/v1/community/threads/{thread.pk}/posts/"
    assert [p["id"] for p in client_for(spammer).get(url).json()["results"]] == [post_id]
    assert client_for(reader).get(url).json()["results"] == []

    queue = client_for(moderator).get("/api/v1/community/moderation/queue/").json()["results"]
    assert [q["id"] for q in queue] == [post_id] and queue[0]["held_reason"] == "spam_score"
    assert client_for(reader).get("/api/v1/community/moderation/queue/").status_code == 403
    refused = client_for(reader).post(
        f"/api/v1/community/posts/{post_id}/moderation/", {"action": "approve", "reason": "x"}, format="json"
    )
    assert refused.status_code == 404  # a pending post does not exist for a reader

    approved = client_for(moderator).post(
        f"/api/v1/community/posts/{post_id}/moderation/", {"action": "approve", "reason": "Echt"}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == "published"
    assert [p["id"] for p in client_for(reader).get(url).json()["results"]] == [post_id]
    again = client_for(moderator).post(
        f"/api/v1/community/posts/{post_id}/moderation/", {"action": "approve"}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"] == "already_moderated"


def test_a_reader_cannot_moderate_a_visible_post():
    post = PostFactory()
    answer = client_for(MemberFactory(role=Role.EDITOR)).post(
        f"/api/v1/community/posts/{post.pk}/moderation/", {"action": "hide", "reason": "x"}, format="json"
    )
    assert answer.status_code == 403 and answer.json()["code"] == "not_moderator"


def test_reactions_reports_and_queue():
    post = PostFactory()
    member, master = MemberFactory(), MemberFactory(role=Role.MASTER)
    first = client_for(member).post(f"/api/v1/community/posts/{post.pk}/reactions/", {"emoji": "👍"}, format="json")
    second = client_for(member).post(f"/api/v1/community/posts/{post.pk}/reactions/", {"emoji": "👍"}, format="json")
    assert (first.status_code, second.status_code) == (201, 200) and second.json()["reactions"] == {"👍": 1}
    bad = client_for(member).post(f"/api/v1/community/posts/{post.pk}/reactions/", {"emoji": "x"}, format="json")
    assert bad.status_code == 400 and bad.json()["code"]

    report = client_for(member).post(
        f"/api/v1/community/posts/{post.pk}/reports/", {"reason": "Reclame"}, format="json"
    )
    assert report.status_code == 201
    queue = client_for(master).get("/api/v1/community/moderation/queue/").json()["results"]
    assert [q["id"] for q in queue] == [post.pk] and queue[0]["reports"] == ["Reclame"]
    hidden = client_for(master).post(
        f"/api/v1/community/posts/{post.pk}/moderation/", {"action": "hide", "reason": "Reclame"}, format="json"
    )
    assert hidden.json()["status"] == "hidden"
    assert client_for(master).get("/api/v1/community/moderation/queue/").json()["results"] == []
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN


def test_rate_limit_answers_429_with_code(settings):
    settings.COMMUNITY_RATE_LIMIT = 1
    space = SpaceFactory()
    author = trusted(MemberFactory(), space)
    thread = ThreadFactory(space=space)
    url = f"/api/v1/community/threads/{thread.pk}/posts/"
    assert client_for(author).post(url, {"body": "een"}, format="json").status_code == 201
    limited = client_for(author).post(url, {"body": "twee"}, format="json")
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"


def test_search_only_in_readable_spaces():
    sales = DepartmentFactory(name="Sales")
    PostFactory(body="Hoe werkt de LinkedIn banner?")
    PostFactory(
        body="Geheime LinkedIn tip voor sales",
        thread=ThreadFactory(space=SpaceFactory(read_audience="department", department=sales)),
    )
    outsider = MemberFactory(department=DepartmentFactory(name="Finance"))
    results = client_for(outsider).get("/api/v1/community/search/", {"q": "linkedin"}).json()
    assert [r["body"] for r in results] == ["Hoe werkt de LinkedIn banner?"]
