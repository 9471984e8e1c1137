"""Erasure anonymises a member's posts (text kept where others replied, name removed); the
data download includes them."""

import pytest

from cms.services.privacy import erase_member, export_member_data
from community.models import Post, PostStatus, Report
from people.models import Role
from tests.community.factories import PostFactory, ThreadFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_erasure_keeps_text_others_replied_to_and_removes_the_name():
    member, other = MemberFactory(), MemberFactory()
    master = MemberFactory(role=Role.MASTER)
    thread = ThreadFactory(author=member)
    answered = PostFactory(thread=thread, author=member, body="Mijn vraag over LinkedIn")
    PostFactory(thread=thread, author=other, body="Mijn antwoord", reply_to=answered)
    lonely = PostFactory(thread=ThreadFactory(), author=member, body="Niemand reageerde")
    PostFactory(thread=thread, author=other, body="x")
    Report.objects.create(post=PostFactory(), reporter=member, reason="Mijn reden")

    exported = export_member_data(member=member, by=member)
    assert {p["body"] for p in exported["community_posts"]} == {"Mijn vraag over LinkedIn", "Niemand reageerde"}
    assert exported["community_threads"][0]["title"] == thread.title

    erase_member(member=member, by=master)
    answered.refresh_from_db()
    lonely.refresh_from_db()
    assert (answered.author, answered.body, answered.anonymised) == (None, "Mijn vraag over LinkedIn", True)
    assert (lonely.author, lonely.body, lonely.status) == (None, "", PostStatus.DELETED)
    assert not Post.objects.filter(author=member).exists()
    assert not Report.objects.filter(reason="Mijn reden").exists()
