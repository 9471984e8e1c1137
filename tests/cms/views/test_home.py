"""The front door ``/``: the visitor home (the programme explained, the login form) and the
member's home per role ("what should I do now?"), with an empty state per section and a
bounded number of queries."""

import pytest
from django.test import override_settings

from cms.models import BrandingSettings
from events.models import Registration
from people.models import Role
from people.roles import ensure_role_groups
from tests.challenges.factories import ChallengeFactory, StoryFactory
from tests.events.factories import RegistrationFactory, SessionFactory
from tests.factories import MemberFactory, home_page, lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(db):
    ensure_role_groups()
    home_page()


def get_home(client, language="en"):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


# --- visitors ---------------------------------------------------------------------------


def test_a_visitor_gets_the_programme_explained_with_the_login_form(client):
    branding = BrandingSettings.load()
    branding.organisation_name = "Acme Zorg"
    branding.save()
    html = get_home(client)
    assert 'data-testid="visitor-home"' in html and "Acme Zorg" in html
    assert "What an ambassador does" in html and "stay the editor of your own channel" in html
    assert "by invitation of the Social Master of Acme Zorg" in html
    assert 'action="/login/"' in html and 'name="password"' in html and 'name="csrfmiddlewaretoken"' in html


def test_the_visitor_home_in_dutch(client):
    html = get_home(client, "nl")
    assert "Wat een Ambassadeur doet" in html and "Zo doe je mee" in html and "Inloggen" in html


def test_logging_in_lands_on_the_home(client, password):
    member = MemberFactory()
    response = client.post("/login/", {"login": member.email, "password": password})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_favicon_exists_and_favicon_ico_redirects_to_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert 'rel="icon" href="/static/favicon.svg"' in get_home(client)


# --- ambassadors ------------------------------------------------------------------------


def test_an_ambassadors_home_shows_what_to_do_now(client_for):
    member = MemberFactory(role=Role.AMBASSADOR, display_name="Robin")
    for n in range(4):
        StoryFactory(approved=True, title=f"Story {n}")
    course = make_course("LinkedIn basics", lessons=2)
    challenge = ChallengeFactory(title="Share a photo of your team")
    session = SessionFactory(title="Kennissessie LinkedIn")
    full = SessionFactory(title="Already in")
    RegistrationFactory(session=full, member=member)
    html = get_home(client_for(member))
    assert "Hello Robin" in html
    assert html.count("Story ") == 3  # the top three of the share feed
    assert lessons_of(course)[0].title in html and lessons_of(course)[0].url in html
    assert challenge.title in html and f"/challenges/{challenge.pk}/" in html
    assert session.title in html and "10 places left" in html and "Already in" not in html
    for section in ("home-review", "home-attention", "home-funnel"):
        assert f'data-testid="{section}"' not in html


def test_each_section_has_an_empty_state(client_for):
    member = MemberFactory(role=Role.AMBASSADOR, language="nl")
    html = get_home(client_for(member))
    for section in ("share", "lesson", "challenges", "sessions"):
        assert f'data-testid="home-{section}-empty"' in html, section
    assert "Er staat nu geen challenge voor je open." in html


# --- editors ----------------------------------------------------------------------------


def test_an_editors_home_shows_their_review_queue(client_for):
    editor = MemberFactory(role=Role.EDITOR)
    mine = StoryFactory.create_batch(4, department=editor.department)
    StoryFactory(title="Elsewhere")  # another department's
    html = get_home(client_for(editor))
    assert 'data-testid="home-review-count">4<' in html and "4 stories are waiting for your review." in html
    assert f"/review/{mine[0].pk}/" in html and "Elsewhere" not in html
    assert 'data-testid="home-attention"' not in html


def test_an_editor_with_an_empty_queue(client_for):
    html = get_home(client_for(MemberFactory(role=Role.EDITOR)))
    assert 'data-testid="home-review-empty"' in html


# --- Social Masters and Activators ------------------------------------------------------


def test_a_masters_home_lists_what_needs_attention(client_for):
    master = MemberFactory(role=Role.MASTER)
    StoryFactory()
    ChallengeFactory(title="Trade fair", draft=True)
    session = SessionFactory(title="Workshop LinkedIn", capacity=1)
    RegistrationFactory(session=session)
    RegistrationFactory(session=session, status=Registration.Status.WAITLISTED)
    html = get_home(client_for(master))
    assert 'data-testid="home-attention"' in html and 'data-testid="home-review"' in html
    assert 'data-testid="attention-invitations_unanswered"' in html
    assert "Trade fair" in html and 'data-testid="home-drafts"' in html
    assert 'data-testid="home-waiting-lists"' in html and "Workshop LinkedIn" in html and "1 waiting" in html


def test_a_masters_home_with_nothing_waiting(client_for):
    html = get_home(client_for(MemberFactory(role=Role.MASTER)))
    for empty in ("home-review-empty", "home-drafts-empty", "home-waiting-lists-empty"):
        assert f'data-testid="{empty}"' in html, empty


def test_a_master_sees_the_departments_without_an_editor(client_for):
    from tests.factories import DepartmentFactory

    sales, support = DepartmentFactory(name="Sales"), DepartmentFactory(name="Support")
    MemberFactory(department=sales)
    MemberFactory(department=support)
    MemberFactory(department=support, role=Role.EDITOR)
    html = get_home(client_for(MemberFactory(role=Role.MASTER)))
    assert 'data-testid="home-unassigned-departments"' in html
    assert (
        "Sales" in html
        and "Support" not in html.split('data-testid="home-unassigned-departments"')[1].split("</ul>")[0]
    )


def test_an_activator_sees_their_departments_challenges_to_launch(client_for):
    activator = MemberFactory(role=Role.ACTIVATOR)
    ChallengeFactory(title="Ours", draft=True, department=activator.department)
    ChallengeFactory(title="Theirs", draft=True)
    html = get_home(client_for(activator))
    assert "Ours" in html and "Theirs" not in html
    assert 'data-testid="attention-' not in html  # the organisation-wide counts are the Master's


# --- HR ---------------------------------------------------------------------------------


def test_hr_sees_the_funnel_with_a_link_to_the_reports(client_for):
    hr = MemberFactory(role=Role.AMBASSADOR, is_hr=True)
    MemberFactory.create_batch(5)
    html = get_home(client_for(hr))
    assert 'data-testid="home-funnel"' in html and 'data-testid="home-active-share"' in html
    assert 'href="/reports/"' in html


def test_hr_in_a_small_organisation_sees_no_figures(client_for):
    hr = MemberFactory(role=Role.AMBASSADOR, is_hr=True)
    html = get_home(client_for(hr))
    assert 'data-testid="home-funnel-suppressed"' in html and 'data-testid="home-active-share"' not in html


@override_settings(LANGUAGE_CODE="en")
def test_a_signed_in_members_home_is_not_the_visitor_page(client_for):
    html = get_home(client_for(MemberFactory()))
    assert 'data-testid="visitor-home"' not in html and 'data-testid="home-share"' in html
