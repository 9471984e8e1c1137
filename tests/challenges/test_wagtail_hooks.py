"""challenges/wagtail_hooks.py: the admin's snippets (Masters; Editors read their department's
stories), the read-only open challenge, and the review queue's count in the menu."""

import pytest

from people.models import Role
from tests.factories import MemberFactory

from .factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_admin_menu_shows_the_queue_count(creator, editor, client_for):
    StoryFactory(creator=creator, text="x")
    StoryFactory(creator=creator, text="y")
    page = client_for(editor).get("/admin/").content.decode()
    assert "Review queue (2)" in page


def test_admin_snippets_for_masters_only(master, creator, editor, client_for):
    ChallengeFactory(title="Admin listed")
    assert "Admin listed" in client_for(master).get("/admin/snippets/challenges/challenge/?state=open").content.decode()
    response = client_for(editor).get("/admin/snippets/challenges/challenge/")
    assert response.status_code in (302, 403)
    assert client_for(creator).get("/admin/snippets/challenges/story/").status_code in (302, 403)


def test_admin_refuses_to_change_an_open_challenge(master, client_for):
    challenge = ChallengeFactory(title="Running")
    url = f"/admin/snippets/challenges/challenge/edit/{challenge.pk}/"
    admin = client_for(master)
    assert admin.get(url).status_code == 200
    response = admin.post(
        url,
        {
            "title": "Changed",
            "brief": "{}",
            "kind": "story",
            "participation": "individual",
            "audience": "everyone",
            "opens_at": "2030-01-01 09:00",
            "closes_at": "2030-01-08 09:00",
            "points_per_entry": 1,
            "winner_bonus": 1,
            "entries_per_member": 1,
            "winner_rule": "most_points",
        },
    )
    assert response.status_code == 200
    assert "can no longer be changed" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.title == "Running"


def test_editors_see_only_their_departments_stories_in_the_admin(creator, editor, other_department, client_for):
    StoryFactory(creator=creator, title="Ours", text="x")
    elsewhere = MemberFactory(role=Role.CREATOR, department=other_department)
    StoryFactory(creator=elsewhere, title="Theirs", text="y")
    page = client_for(editor).get("/admin/snippets/challenges/story/").content.decode()
    assert "Ours" in page and "Theirs" not in page


@pytest.fixture
def two_departments_decisions(creator, editor, other_department):
    """A decision on a Sales story (``editor``'s department) and one on a Finance story."""
    ours = StoryFactory(creator=creator, title="Ours decided", text="x", approved_by=editor)
    finance_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    elsewhere = MemberFactory(role=Role.CREATOR, department=other_department)
    theirs = StoryFactory(creator=elsewhere, title="Theirs decided", text="y", approved_by=finance_editor)
    return ours.decisions.get(), theirs.decisions.get()


def test_editors_see_only_their_departments_review_decisions(two_departments_decisions, editor, master, client_for):
    ours, theirs = two_departments_decisions
    listing = "/admin/snippets/challenges/reviewdecision/"
    inspect = "/admin/snippets/challenges/reviewdecision/inspect/{}/"
    page = client_for(editor).get(listing).content.decode()
    assert "Ours decided" in page and "Theirs decided" not in page
    assert client_for(editor).get(inspect.format(ours.pk)).status_code == 200
    assert client_for(editor).get(inspect.format(theirs.pk)).status_code == 404
    page = client_for(master).get(listing).content.decode()
    assert "Ours decided" in page and "Theirs decided" in page
    assert [client_for(master).get(inspect.format(d.pk)).status_code for d in (ours, theirs)] == [200, 200]
