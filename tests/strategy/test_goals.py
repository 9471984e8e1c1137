"""The content strategy: goals, key messages and audiences (strategy/models/goals.py), the
goals API (strategy/api.py) and the Masters' admin (strategy/wagtail_hooks.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from strategy import selectors
from strategy.models import Goal, KeyMessage
from tests.factories import MemberFactory
from tests.strategy.factories import AudienceFactory, GoalFactory, KeyMessageFactory

pytestmark = pytest.mark.django_db


def test_goals_api_lists_active_goals_with_their_active_messages(api, django_assert_max_num_queries):
    recruitment = GoalFactory(
        name="Werving",
        target=20,
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 3, 31),
    )
    KeyMessageFactory(goal=recruitment, name="Werken bij ons is leren")
    KeyMessageFactory(goal=recruitment, name="Oud", active=False)
    GoalFactory(name="Gestopt", active=False)
    for _ in range(3):
        KeyMessageFactory(goal=GoalFactory(period_start=datetime.date(2027, 6, 1)))
    with django_assert_max_num_queries(6):
        data = api.get("/api/v1/strategy/goals/").json()
    assert len(data) == 4
    first = data[0]
    assert first == {
        "id": recruitment.pk,
        "name": "Werving",
        "kind": "recruitment",
        "measure": "application",
        "target": 20,
        "period_start": "2027-01-01",
        "period_end": "2027-03-31",
        "messages": [{"id": first["messages"][0]["id"], "name": "Werken bij ons is leren"}],
    }
    recruitment.name_en = "Recruitment"
    recruitment.save()
    with translation.override("en"):
        assert selectors.goals_with_messages()[0].display_name == "Recruitment"
    with translation.override("nl"):
        assert selectors.goals_with_messages()[0].display_name == "Werving"


def test_goals_api_needs_a_signed_in_member(anon_api):
    assert anon_api.get("/api/v1/strategy/goals/").status_code == 401


def test_a_period_cannot_end_before_it_starts():
    goal = GoalFactory.build(period_start=datetime.date(2027, 3, 1), period_end=datetime.date(2027, 2, 1))
    with pytest.raises(ValidationError):
        goal.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        goal.save()


def test_a_message_name_is_unique_per_goal():
    message = KeyMessageFactory(name="Groei")
    KeyMessageFactory(name="Groei")  # another goal: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyMessage.objects.create(goal=message.goal, name="Groei")


def test_active_messages_are_those_of_active_goals():
    live = KeyMessageFactory()
    KeyMessageFactory(active=False)
    KeyMessageFactory(goal=GoalFactory(active=False))
    audience = AudienceFactory(name="Kandidaten")
    live.audiences.add(audience)
    assert selectors.active_messages() == [live]
    assert list(audience.messages.all()) == [live]


def test_masters_write_the_strategy_in_the_admin(client_for, master):
    client = client_for(master)
    for model in ("goal", "keymessage", "audience"):
        assert client.get(f"/admin/snippets/strategy/{model}/").status_code == 200
    response = client.post(
        "/admin/snippets/strategy/goal/add/",
        {
            "name": "Werving",
            "name_en": "",
            "kind": "recruitment",
            "active": "on",
            "description": "",
            "target": "20",
            "measure": "application",
            "period_start": "2027-01-01",
            "period_end": "2026-12-01",
        },
    )
    assert response.status_code == 200 and not Goal.objects.exists()
    response = client.post(
        "/admin/snippets/strategy/goal/add/",
        {
            "name": "Werving",
            "name_en": "",
            "kind": "recruitment",
            "active": "on",
            "description": "",
            "target": "20",
            "measure": "application",
            "period_start": "2027-01-01",
            "period_end": "2027-03-31",
        },
    )
    assert response.status_code == 302 and Goal.objects.get().target == 20


def test_other_roles_do_not_write_the_strategy(client_for):
    for role in ("ambassador", "creator", "editor", "activator"):
        client = client_for(MemberFactory(role=role))
        assert client.get("/admin/snippets/strategy/goal/add/").status_code in (302, 403)
