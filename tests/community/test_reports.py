"""Community activity in the participation reports: published posts per group, one query."""

import datetime

import pytest
from django.utils import timezone

from cms.reports import metrics
from community.models import PostStatus
from tests.community.factories import PostFactory
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_published_community_posts_per_department_in_one_query(django_assert_num_queries):
    sales = DepartmentFactory(name="Sales")
    for _ in range(3):
        PostFactory(author=MemberFactory(department=sales))
    PostFactory(author=MemberFactory(department=sales), status=PostStatus.PENDING)
    now = timezone.now()
    scope = metrics.Scope(start=now - datetime.timedelta(days=30), end=now + datetime.timedelta(minutes=1))
    assert "community_posts" in {m.key for m in metrics.available_metrics()}
    with django_assert_num_queries(1):
        figures = metrics.compute(scope, "department", {"community_posts"})
    assert figures["community_posts"][sales.pk] == 3
