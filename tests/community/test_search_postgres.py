"""Search on PostgreSQL: full-text with the Dutch and the English configuration (stemmed:
"profielen" finds "profiel", "vacancy stories" finds "vacancies … story"), only in readable
spaces, published posts only."""

import pytest

from community import selectors
from community.models import PostStatus
from tests.community.factories import PostFactory, SpaceFactory, ThreadFactory
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = [pytest.mark.postgres]


def test_full_text_search_in_dutch_and_english(require_postgres):
    PostFactory(body="Zo voeg je een banner toe aan je profiel")
    PostFactory(body="Sharing our vacancies works better with a personal story")
    PostFactory(body="Een profiel dat wacht", status=PostStatus.PENDING)
    PostFactory(
        body="Geheim profiel van sales",
        thread=ThreadFactory(space=SpaceFactory(read_audience="department", department=DepartmentFactory(name="S"))),
    )
    member = MemberFactory(department=DepartmentFactory(name="F"))
    assert [p.body for p in selectors.search(member=member, query="profielen")] == [
        "Zo voeg je een banner toe aan je profiel"
    ]
    assert [p.body for p in selectors.search(member=member, query="vacancy stories")] == [
        "Sharing our vacancies works better with a personal story"
    ]
