"""The main menu per role, built in one place (``cms.navigation.menu_for``) and rendered by
``base.html``, in a fixed number of queries."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cms.navigation import flatten, menu_for
from people import services as people_services
from people.models import Role
from people.roles import ensure_role_groups
from tests.challenges.factories import StoryFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["share", "learning", "sessions", "challenges", "leaderboard", "community", "strategy"]
ME = ["profile", "my_shares", "six_cs", "notifications", "points", "badges", "prizes"]
CREATOR = ["submit", "plan"]
# Top-level keys per role, and what the "Beheren" group holds.
ROLES = {
    "ambassador": ({"role": Role.AMBASSADOR}, [*EVERYONE, "me"], []),
    "creator": ({"role": Role.CREATOR}, [*EVERYONE, *CREATOR, "me"], []),
    "activator": (
        {"role": Role.ACTIVATOR},
        [*EVERYONE, *CREATOR, "reports", "manage", "me"],
        ["manage_challenges", "pilot", "invitations", "six_cs_report", "admin"],
    ),
    "editor": ({"role": Role.EDITOR}, [*EVERYONE, *CREATOR, "review", "manage", "me"], ["admin"]),
    "master": (
        {"role": Role.MASTER},
        [*EVERYONE, *CREATOR, "review", "moderation", "reports", "manage", "me"],
        ["manage_challenges", "pilot", "invitations", "six_cs_report", "admin"],
    ),
    "hr": (
        {"role": Role.AMBASSADOR, "is_hr": True},
        [*EVERYONE, "reports", "manage", "me"],
        ["six_cs_report", "admin"],
    ),
}


@pytest.fixture(autouse=True)
def role_groups(db):
    ensure_role_groups()


def keys(items):
    return [item.key for item in items]


@pytest.mark.parametrize("name", list(ROLES))
def test_each_role_gets_exactly_its_menu_in_five_queries(name, django_assert_max_num_queries):
    fields, expected, manage = ROLES[name]
    member = MemberFactory(display_name="Robin", **fields)
    with django_assert_max_num_queries(5):
        items = menu_for(member=member, path="/learn/")
    assert keys(items) == expected
    groups = {item.key: item for item in items if item.is_group}
    me = ["profile", "my_stories", *ME[1:]] if "submit" in expected else ME  # six_cs: every member
    assert keys(groups["me"].children) == me and str(groups["me"].label) == "Robin"
    assert keys(groups["manage"].children) == manage if manage else "manage" not in groups
    assert [item.key for item in flatten(items) if item.active] == ["learning"]


def test_the_query_count_does_not_grow_with_the_queue(django_assert_max_num_queries):
    master = MemberFactory(role=Role.MASTER)
    StoryFactory.create_batch(4, status="submitted")
    with django_assert_max_num_queries(4):
        items = menu_for(member=master, path="/")
    assert next(item for item in items if item.key == "review").count == 4


def test_an_editor_sees_their_departments_review_queue_count():
    editor = MemberFactory(role=Role.EDITOR)
    StoryFactory(status="submitted", department=editor.department)
    StoryFactory(status="submitted")  # another department's
    review = next(item for item in menu_for(member=editor) if item.key == "review")
    assert review.count == 1 and review.url == "/review/"


def test_anonymous_visitors_get_the_login_link_without_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        items = menu_for(member=AnonymousUser(), path="/")
    assert [(item.key, str(item.label), item.url) for item in items] == [("login", "Log in", "/login/")]


def test_an_activator_without_a_department_is_not_offered_reports_or_challenge_management():
    member = MemberFactory(role=Role.ACTIVATOR, department=None)
    assert not {"reports", "manage", "manage_challenges"} & set(keys(flatten(menu_for(member=member))))


def test_the_active_group_is_marked_when_one_of_its_pages_is_open():
    member = MemberFactory(role=Role.MASTER)
    items = menu_for(member=member, path="/pilot/")
    manage = next(item for item in items if item.key == "manage")
    assert manage.active and [c.key for c in manage.children if c.active] == ["pilot"]


def test_the_notifications_item_counts_unread_notifications(member):
    people_services.notify(member=member, kind="x", title="One", email=False)
    people_services.notify(member=member, kind="x", title="Two", email=False)
    items = menu_for(member=member)
    notifications = next(item for item in flatten(items) if item.key == "notifications")
    assert notifications.count == 2 and notifications.badge_id == "unread-count"
    assert next(item for item in items if item.key == "me").count == 2
    assert all(item.count is None for item in flatten(items) if item.key != "notifications")


LINKS = {
    "share": '<a href="/share/"',
    "learning": '<a href="/learn/"',
    "submit": '<a href="/stories/new/"',
    "my_stories": '<a href="/stories/mine/"',
    "review": '<a href="/review/"',
    "reports": '<a href="/reports/"',
    "manage_challenges": '<a href="/challenges/manage/"',
    "pilot": '<a href="/pilot/"',
    "invitations": '<a href="/invitations/"',
    "admin": '<a href="/admin/"',
    "plan": '<a href="/plan/"',
    "six_cs_report": '<a href="/six-cs/report/"',
    "notifications": '<a href="/notifications/"',
}


@pytest.mark.parametrize("name", list(ROLES))
def test_the_page_header_shows_the_menu_with_the_same_links_and_texts(client_for, name):
    fields, expected, manage = ROLES[name]
    member = MemberFactory(display_name="Robin", **fields)
    html = client_for(member).get("/notifications/").content.decode()
    shown = {*expected, *manage, "notifications", *(["my_stories"] if "submit" in expected else [])}
    for key, link in LINKS.items():
        assert (link in html) == (key in shown), key
    assert 'aria-current="page">Notifications' in html
    assert 'id="unread-count" hidden>0' in html
    assert "<summary" in html and ">Robin" in html and "Log out" in html and "Log in" not in html
    assert 'aria-controls="main-nav"' in html and 'aria-expanded="false"' in html and 'id="main-nav"' in html


def test_the_menu_is_in_dutch(client_for):
    member = MemberFactory(role=Role.MASTER, language="nl")
    html = client_for(member).get("/notifications/").content.decode()
    for label in ("Deel dit", "Mijn leren", "Deel een moment", "Mijn verhalen", "Beoordelen", "Challenges beheren"):
        assert label in html, label


def test_the_page_header_for_anonymous_visitors(client):
    html = client.get("/login/").content.decode()
    assert '<a href="/login/"' in html and "Log out" not in html and "/learn/" not in html


@pytest.mark.django_db
def test_only_the_closest_entry_is_current():
    master = MemberFactory(role=Role.MASTER)
    items = menu_for(member=master, path="/challenges/manage/")
    current = [item.key for item in flatten(items) if item.active]
    assert current == ["manage_challenges"]
    assert [item.key for item in items if item.active] == ["manage"]


def test_a_space_moderator_gets_moderation_in_the_menu():
    from tests.community.factories import SpaceFactory

    member = MemberFactory()
    assert "moderation" not in keys(menu_for(member=member))
    SpaceFactory().moderators.add(member)
    assert "moderation" in keys(menu_for(member=member))
