"""The demo community (cms/demo/community.py) on the seeded demo: four spaces, Dutch and
English threads, an accepted answer, a session follow-up, one reported post and two held
spam posts in the queue."""

import pytest

from community import selectors
from community.models import PostStatus, Space, Thread
from people.models import Member


@pytest.mark.django_db
def test_the_demo_community(demo):
    assert Space.objects.count() == 4
    assert Space.objects.filter(scope__startswith="session:").exists()
    assert Thread.objects.filter(title="What makes a good LinkedIn headline?").exists()
    assert Thread.objects.filter(accepted_post__isnull=False).count() == 1
    master = Member.objects.get(email="master@example.com")
    queue = list(selectors.moderation_queue(member=master))
    held = [p for p in queue if p.status == PostStatus.PENDING]
    reported = [p for p in queue if p.status == PostStatus.PUBLISHED]
    assert len(held) == 2 and all(p.held_reason == "spam_score" for p in held)
    assert len(reported) == 1
    ambassador = Member.objects.get(email="ambassador@example.com")
    assert not any(p.status == PostStatus.PENDING for p in selectors.search(member=ambassador, query="lening"))
