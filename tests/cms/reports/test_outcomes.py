"""The outcomes report (selector, API, page) against a hand-built data set: per goal and key
message, department and wave; the under-5 rule; permissions; constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from challenges.services import nudges
from cms.reports import selectors
from people.models import Role
from tests.challenges.factories import (
    ConversionFactory,
    ShareClickFactory,
    ShareFactory,
    ShareLinkFactory,
    StoryFactory,
)
from tests.factories import DepartmentFactory, MemberFactory
from tests.strategy.factories import GoalFactory, KeyMessageFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/outcomes/"


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def story(creator, *messages, approved_days_ago=8):
    made = StoryFactory(creator=creator, status="approved", approved_at=days_ago(approved_days_ago))
    made.messages.set(messages)
    return made


def sharing(member, shared, *, networks=("linkedin",), clicks=0):
    for network in networks:
        ShareFactory(member=member, story=shared, network=network, created_at=days_ago(3))
    link = ShareLinkFactory(member=member, story=shared)
    for _ in range(clicks):
        ShareClickFactory(link=link, day=timezone.localdate(days_ago(3)))
    return link


@pytest.fixture
def world(db):
    """A: 6 members (wave 1, one a manager), B: 5 (wave 2), C: 2 (no wave).
    Recruitment (applications, target 20): messages m1, m2. Employer brand (shares, 10): m3."""
    a, b, c = DepartmentFactory(name="A"), DepartmentFactory(name="B"), DepartmentFactory(name="C")
    team_a = [MemberFactory(department=a, wave=1) for _ in range(6)]
    team_b = [MemberFactory(department=b, wave=2) for _ in range(5)]
    MemberFactory.create_batch(2, department=c)
    manager = team_a[5]
    manager.manager_of = a
    manager.save(update_fields=["manager_of"])
    recruitment = GoalFactory(name="Werving", target=20)
    brand = GoalFactory(name="Werkgeversmerk", measure="shares", target=10, kind="employer_brand")
    m1, m2 = KeyMessageFactory(goal=recruitment, name="m1"), KeyMessageFactory(goal=recruitment, name="m2")
    m3 = KeyMessageFactory(goal=brand, name="m3")
    s1, s2, s3 = story(team_a[0], m1, m2), story(team_b[0], m3), story(team_a[1])
    old = story(team_a[0], m1, approved_days_ago=200)
    link_a0 = sharing(team_a[0], s1, networks=("linkedin", "x"), clicks=3)
    link_a2 = sharing(team_a[2], s1, clicks=1)
    link_b1 = sharing(team_b[1], s2, clicks=2)
    sharing(team_a[3], s3, clicks=5)
    ConversionFactory(link=link_a0, kind="application")
    ConversionFactory(link=link_a0, kind="application")
    ConversionFactory(link=link_a0, kind="hire", value=1000)
    ConversionFactory(link=link_b1, kind="lead", value=50)
    ConversionFactory(link=ShareLinkFactory(member=team_a[4], story=old), kind="application", occurred_at=days_ago(200))
    own = team_a[0].shares.get(network="linkedin")
    own.reactions, own.comments, own.reposts, own.results_reported_at = 10, 2, 1, days_ago(2)
    own.save()
    nudges.nudge_managers(link_id=link_a0.pk)
    nudges.nudge_managers(link_id=link_a2.pk)
    return {"a": a, "b": b, "c": c, "goals": (recruitment, brand), "messages": (m1, m2, m3), "manager": manager}


def report(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.json()
    return response.json()


@pytest.fixture
def hr(api_for, world):
    return api_for(MemberFactory(is_hr=True, department=None, location=None))


def test_figures_per_goal_and_message(hr, world):
    data = report(hr)
    goals = {g["name"]: g for g in data["goals"]}
    recruitment = goals["Werving"]
    assert [m["name"] for m in recruitment["messages"]] == ["m1", "m2"]
    for message in recruitment["messages"]:
        assert (message["stories"], message["shares"], message["unique_clicks"]) == (1, 3, 4)
        assert message["by_kind"] == {"application": 2, "hire": 1}
        assert float(message["conversion_value"]) == 1000
    # A story serving two messages of one goal counts once for the goal.
    assert (recruitment["stories"], recruitment["shares"], recruitment["unique_clicks"]) == (1, 3, 4)
    assert (recruitment["achieved"], recruitment["target"], recruitment["percent"]) == (2, 20, 10)
    brand = goals["Werkgeversmerk"]
    assert brand["messages"][0]["by_kind"] == {"lead": 1}
    assert (brand["achieved"], brand["percent"]) == (1, 10)


def test_totals_labels_self_reported_and_estimate(hr, world):
    data = report(hr)
    measured = data["measured"]
    assert (measured["stories"], measured["shares"], measured["unique_clicks"], measured["conversions"]) == (
        3,
        5,
        11,
        4,
    )
    assert measured["by_kind"] == {"application": 2, "hire": 1, "lead": 1}
    assert data["self_reported"] == {"posts": 1, "reactions": 10, "comments": 2, "reposts": 1}
    assert set(data["labels"]) == {"measured", "self_reported", "estimated", "unknown"}
    assert data["estimated"]["media_value"] is not None


def test_departments_and_waves_pool_groups_under_five(hr, world):
    data = report(hr)
    departments = {r["name"]: r for r in data["departments"]}
    # C (2) and the viewer (no department, 1) are under 5: B, the smallest, joins their pool.
    assert set(departments) == {"A", "Other groups (under 5 members each)"}
    a = departments["A"]
    assert (a["members"], a["stories"], a["shares"], a["unique_clicks"], a["conversions"]) == (6, 2, 4, 9, 3)
    assert departments["Other groups (under 5 members each)"]["members"] == 8
    waves = [r["name"] for r in data["waves"]]
    assert waves == ["Wave 1", "Other groups (under 5 members each)"]
    assert data["waves"][0]["shares"] == 4


def test_manager_involvement(hr, world):
    managers = report(hr)["managers"]
    assert managers == {
        "managers": 1,
        "managers_shared": 0,
        "managers_nudged": 1,
        "team_sharings": 5,
        "team_sharings_nudged": 2,
        "nudged_percent": 40,
    }


def test_filter_by_goal_and_message(hr, world):
    recruitment, _brand = world["goals"]
    m1, _m2, m3 = world["messages"]
    assert [g["name"] for g in report(hr, f"?goal={recruitment.pk}")["goals"]] == ["Werving"]
    only = report(hr, f"?message={m3.pk}")["goals"]
    assert [g["name"] for g in only] == ["Werkgeversmerk"] and [m["name"] for m in only[0]["messages"]] == ["m3"]
    assert hr.get(URL + "?goal=abc").status_code == 400


def test_a_department_under_five_shows_nothing(api_for, world):
    activator = MemberFactory(role=Role.ACTIVATOR, department=world["c"])
    data = report(api_for(activator))
    assert data["suppressed"] is True and "goals" not in data


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.CREATOR, Role.EDITOR])
def test_other_roles_get_403(api_for, world, role):
    response = api_for(MemberFactory(role=role)).get(URL)
    assert response.status_code == 403


def test_an_activator_sees_only_their_own_department(api_for, world):
    activator = MemberFactory(role=Role.ACTIVATOR, department=world["a"])
    client = api_for(activator)
    assert client.get(URL + f"?department={world['b'].pk}").status_code == 403
    data = report(client)
    assert data["measured"]["shares"] == 4


def test_master_reads_the_page(client_for, world):
    response = client_for(MemberFactory(role=Role.MASTER, department=None)).get("/reports/outcomes/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Werving" in page and "self-reported" in page and "Manager involvement" in page
    # The totals in the monthly summary's sentences: counted in the singular or plural.
    totals = page.split('data-testid="outcome-totals"')[1].split("</section>")[0]
    assert "shares," in totals and "unique clicks on tracked links" in totals and "Media value €" in totals


def test_the_page_is_403_for_an_ambassador(client_for, world):
    assert client_for(MemberFactory()).get("/reports/outcomes/").status_code == 403


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", [URL, "/reports/outcomes/"])
def test_query_count_stays_the_same_as_data_grows(api_for, client_for, world, url):
    viewer = MemberFactory(is_hr=True, department=None, location=None)
    client = api_for(viewer) if url == URL else client_for(viewer)
    count(client, url)
    small = count(client, url)
    m1, _m2, m3 = world["messages"]
    extra_goal = GoalFactory(name="Verkoop", measure="sale")
    KeyMessageFactory(goal=extra_goal)
    for department in (world["a"], world["b"]):
        for _ in range(3):
            member = MemberFactory(department=department, wave=3)
            link = sharing(member, story(member, m1, m3), clicks=2)
            ConversionFactory(link=link, kind="sale", value=5)
    assert count(client, url) == small


def test_selector_is_none_without_goals_installed(world, monkeypatch):
    from cms.reports import metrics

    real = metrics.model
    monkeypatch.setattr(metrics, "model", lambda label: None if label == "strategy.Goal" else real(label))
    scope = selectors.scope_for(member=MemberFactory(is_hr=True), params={})
    assert selectors.outcomes(scope) is None
