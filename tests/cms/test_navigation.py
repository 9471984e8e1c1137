"""The main menu per role, built in one place (``cms.navigation.menu_for``) and rendered by
``base.html``, in a fixed number of queries."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cms.navigation import menu_for
from people import services as people_services
from people.models import Role
from people.roles import ensure_role_groups
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["learning", "sessions", "challenges", "leaderboard", "points", "badges", "prizes", "notifications"]
ROLES = {
    "ambassador": ({"role": Role.AMBASSADOR}, [*EVERYONE, "profile"]),
    "creator": ({"role": Role.CREATOR}, [*EVERYONE, "profile"]),
    "activator": ({"role": Role.ACTIVATOR}, [*EVERYONE, "reports", "profile"]),
    "editor": ({"role": Role.EDITOR}, [*EVERYONE, "profile", "admin"]),
    "master": ({"role": Role.MASTER}, [*EVERYONE, "reports", "profile", "admin"]),
    "hr": ({"role": Role.AMBASSADOR, "is_hr": True}, [*EVERYONE, "reports", "profile", "admin"]),
}


@pytest.fixture(autouse=True)
def role_groups(db):
    ensure_role_groups()


@pytest.mark.parametrize("name", list(ROLES))
def test_each_role_gets_its_menu_in_three_queries(name, django_assert_max_num_queries):
    fields, expected = ROLES[name]
    member = MemberFactory(display_name="Robin", **fields)
    with django_assert_max_num_queries(3):
        items = menu_for(member=member, path="/learn/")
    assert [item.key for item in items] == expected
    assert [item.key for item in items if item.active] == ["learning"]
    assert next(item for item in items if item.key == "profile").label == "Robin"


def test_anonymous_visitors_get_the_login_link_without_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        items = menu_for(member=AnonymousUser(), path="/")
    assert [(item.key, str(item.label), item.url) for item in items] == [("login", "Log in", "/login/")]


def test_an_activator_without_a_department_is_not_offered_reports():
    member = MemberFactory(role=Role.ACTIVATOR, department=None)
    assert "reports" not in [item.key for item in menu_for(member=member)]


def test_the_notifications_item_counts_unread_notifications(member):
    people_services.notify(member=member, kind="x", title="One", email=False)
    people_services.notify(member=member, kind="x", title="Two", email=False)
    notifications = next(item for item in menu_for(member=member) if item.key == "notifications")
    assert notifications.count == 2 and notifications.badge_id == "unread-count"
    assert all(item.count is None for item in menu_for(member=member) if item.key != "notifications")


@pytest.mark.parametrize("name", list(ROLES))
def test_the_page_header_shows_the_menu_with_the_same_links_and_texts(client_for, name):
    fields, expected = ROLES[name]
    member = MemberFactory(display_name="Robin", **fields)
    html = client_for(member).get("/notifications/").content.decode()
    links = {
        "learning": '<a href="/learn/"',
        "reports": '<a href="/reports/"',
        "admin": '<a href="/admin/"',
        "notifications": '<a href="/notifications/"',
    }
    for key, link in links.items():
        assert (link in html) == (key in expected), key
    assert 'aria-current="page">Notifications' in html
    assert 'id="unread-count" hidden>0</span>' in html
    assert ">Robin</a>" in html and "Log out" in html and "Log in" not in html


def test_the_page_header_for_anonymous_visitors(client):
    html = client.get("/login/").content.decode()
    assert '<a href="/login/"' in html and "Log out" not in html and "/learn/" not in html
