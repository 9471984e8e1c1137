""" "Onze strategie" (``/strategy/``): every signed-in member reads the active goals, their key
messages and audiences, and finds the current guidelines; an empty state until a Master
writes the strategy."""

import datetime

import pytest

from cms.navigation import menu_for
from people.models import Role
from tests.factories import MemberFactory
from tests.strategy.factories import AudienceFactory, GoalFactory, GuidelinesFactory, KeyMessageFactory

pytestmark = pytest.mark.django_db


def _page(client, member):
    response = client(member).get("/strategy/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.CREATOR, Role.MASTER])
def test_every_member_reads_the_goals_messages_and_audiences(client_for, role):
    goal = GoalFactory(
        name="Meer sollicitaties",
        description="Via collega's die hun werk laten zien.",
        target=20,
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 3, 31),
    )
    candidates = AudienceFactory(name="Kandidaten", description="Mensen die bij ons willen werken")
    message = KeyMessageFactory(goal=goal, name="Werken bij ons is leren")
    message.audiences.set([candidates])
    KeyMessageFactory(goal=goal, name="Oude boodschap", active=False)
    GoalFactory(name="Oud doel", active=False)
    page = _page(client_for, MemberFactory(role=role, language="nl"))
    assert "<h1>Onze strategie</h1>" in page
    assert "Meer sollicitaties" in page and "Via collega's die hun werk laten zien." in page.replace("&#x27;", "'")
    assert "20 sollicitaties" in page
    assert "1 januari 2027" in page and "31 maart 2027" in page
    assert "Werken bij ons is leren" in page and "Kandidaten" in page
    assert 'data-testid="strategy-audiences"' in page and "Mensen die bij ons willen werken" in page
    assert "Oude boodschap" not in page and "Oud doel" not in page
    assert 'data-testid="strategy-empty"' not in page


def test_an_empty_state_until_the_master_writes_the_strategy(client_for):
    GoalFactory(name="Oud doel", active=False)
    page = _page(client_for, MemberFactory(language="nl"))
    assert 'data-testid="strategy-empty"' in page
    assert "heeft de strategie nog niet opgeschreven" in page
    assert 'data-testid="strategy-goal"' not in page


def test_it_links_the_current_guidelines(client_for):
    member = MemberFactory(language="nl")
    page = _page(client_for, member)
    assert 'href="/guidelines/"' not in page
    guidelines = GuidelinesFactory()
    member = MemberFactory(language="nl")
    from strategy.services import accept_guidelines

    accept_guidelines(member=member, guidelines=guidelines)
    page = _page(client_for, member)
    assert 'data-testid="strategy-guidelines"' in page and 'href="/guidelines/"' in page
    assert "Lees de richtlijnen" in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/strategy/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_it_is_in_every_members_menu():
    for fields in ({"role": Role.AMBASSADOR}, {"role": Role.MASTER}, {"is_hr": True}):
        items = {item.key: item for item in menu_for(member=MemberFactory(**fields), path="/strategy/")}
        assert items["strategy"].url == "/strategy/" and items["strategy"].active


def test_the_query_count_does_not_grow_with_goals_and_messages(client_for, django_assert_max_num_queries):
    member = MemberFactory()
    client = client_for(member)

    def add(n):
        for _ in range(n):
            goal = GoalFactory()
            for _ in range(2):
                message = KeyMessageFactory(goal=goal)
                message.audiences.set([AudienceFactory(), AudienceFactory()])

    add(1)
    client.get("/strategy/")
    with django_assert_max_num_queries(30) as few:
        assert client.get("/strategy/").status_code == 200
    add(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/strategy/").content.decode()
    assert page.count('data-testid="strategy-goal"') == 6
