"""The pilot builder's strategy fit: per candidate, the active key messages their
department's approved stories served, explained on the page, in constant queries."""

import pytest

from cms import selectors
from people.models import Role
from tests.challenges.factories import StoryFactory
from tests.factories import MemberFactory
from tests.people.factories import sales_and_it
from tests.strategy.factories import KeyMessageFactory

pytestmark = pytest.mark.django_db


def _tag(creator, *messages, approved=True):
    story = StoryFactory(creator=creator, approved=approved)
    story.messages.set(messages)
    return story


def test_fit_counts_the_departments_approved_stories_messages():
    org = sales_and_it()
    carried, waiting, inactive = KeyMessageFactory(), KeyMessageFactory(), KeyMessageFactory(active=False)
    it_creator = MemberFactory(role=Role.CREATOR, department=org["it"][0].department)
    _tag(it_creator, carried, inactive)
    _tag(it_creator, waiting, approved=False)
    fits = selectors.strategy_fit(members=[org["it"][1], org["sales"][0]])
    assert fits[org["it"][1].pk].messages == [carried]
    assert fits[org["it"][1].pk].total == 2
    assert fits[org["sales"][0].pk].messages == []


def test_the_page_shows_and_explains_the_fit_in_constant_queries(client_for, master, django_assert_max_num_queries):
    org = sales_and_it()
    message = KeyMessageFactory(name="Werken bij ons is leren")
    it_creator = MemberFactory(role=Role.CREATOR, department=org["it"][0].department)
    _tag(it_creator, message)
    client = client_for(master)
    html = client.get("/pilot/").content.decode()
    assert 'data-testid="strategy-fit-explained"' in html
    assert "Strategy fit: 1 of 1 key message" in html and "Werken bij ons is leren" in html
    with django_assert_max_num_queries(40) as few:
        client.get("/pilot/")
    for _ in range(5):
        _tag(it_creator, KeyMessageFactory())
        MemberFactory(department=org["it"][0].department, network_size=2000)
    with django_assert_max_num_queries(len(few)):
        client.get("/pilot/")
