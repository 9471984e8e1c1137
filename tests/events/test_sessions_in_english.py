"""An English member has an English session overview: /session/ leads to it, it lists the
sessions, and their links open (the sessions themselves live once, in the Dutch tree)."""

import pytest
from wagtail.models import Locale

from events.models import SessionIndexPage, SessionPage
from people.models import Role
from tests.events.factories import SessionFactory, session_index
from tests.factories import MemberFactory, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_tree():
    """The Dutch overview (slug "sessions" in the factories, here "sessies") with one
    session, and its English translation at /sessions/."""
    index = session_index()
    index.slug = "sessies"
    index.save_revision().publish()
    session = SessionFactory(title="Kennissessie LinkedIn", slug="kennissessie-linkedin")
    english = Locale.objects.get_or_create(language_code="en")[0]
    home_page().copy_for_translation(english).save_revision().publish()
    index_en = SessionIndexPage.objects.get(pk=index.pk).copy_for_translation(english)
    index_en.title, index_en.slug = "Sessions", "sessions"
    index_en.save_revision().publish()
    return session


@pytest.mark.parametrize(
    "language, overview, title", [("nl", "/sessies/", "Sessies"), ("en", "/sessions/", "Sessions")]
)
def test_the_session_overview_is_in_the_members_language(client_for, english_tree, language, overview, title):
    client = client_for(MemberFactory(role=Role.AMBASSADOR, language=language))
    response = client.get("/session/")
    assert response.status_code == 302 and response["Location"] == overview
    response = client.get(overview)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kennissessie LinkedIn" in html and title in html
    link = f"{overview}kennissessie-linkedin/"
    assert link in html
    page = client.get(link)
    assert page.status_code == 200 and "Kennissessie LinkedIn" in page.content.decode()


def test_without_a_translation_the_english_member_gets_the_dutch_overview(client_for):
    session_index()
    client = client_for(MemberFactory(role=Role.AMBASSADOR, language="en"))
    response = client.get("/session/")
    assert response.status_code == 302 and response["Location"] == "/sessions/"


def test_the_demo_has_an_english_session_overview(demo, client_for):
    english = SessionIndexPage.objects.get(locale__language_code="en")
    assert english.live and english.title == "Sessions" and english.url == "/sessions/"
    client = client_for(MemberFactory(role=Role.AMBASSADOR, language="en"))
    response = client.get("/session/")
    assert response["Location"] == "/sessions/"
    response = client.get("/sessions/")
    assert response.status_code == 200
    session = SessionPage.objects.live().first()
    assert client.get(f"/sessions/{session.slug}/").status_code == 200
    dutch = client_for(MemberFactory(role=Role.AMBASSADOR, language="nl"))
    assert dutch.get("/session/")["Location"] == "/sessies/"
    assert dutch.get(f"/sessies/{session.slug}/").status_code == 200
