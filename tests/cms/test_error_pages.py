"""Error pages in the site's layout and the visitor's language (a visitor arriving from
LinkedIn at a removed story must not see a bare English "Not Found")."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title"),
    [("nl", "Pagina niet gevonden"), ("en", "Page not found")],
)
def test_a_missing_page_answers_404_in_the_layout_and_the_visitors_language(client, language, title):
    response = client.get("/s/removed-story-xyz/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    body = response.content.decode()
    assert title in body
    assert 'class="site-header"' in body and f'lang="{language}"' in body


def test_a_visitor_without_a_language_gets_dutch(client):
    body = client.get("/this-does-not-exist/").content.decode()
    assert "Pagina niet gevonden" in body


def test_a_refused_form_post_explains_itself_instead_of_djangos_csrf_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"login": "x", "password": "y"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulier verlopen" in body and 'class="site-header"' in body
    assert "CSRF" not in body  # no developer jargon for members


def test_a_server_error_page_renders_without_a_request_context():
    request = RequestFactory().get("/")
    with translation.override("nl"):
        response = defaults.server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body and 'class="site-header"' in body


def test_no_access_page_is_in_the_layout(client_for, make_member):
    """The member's own language applies: an English member reads English."""
    for language, title in (("nl", "Geen toegang"), ("en", "No access")):
        response = client_for(make_member(language=language)).get("/reports/")
        assert response.status_code == 403
        body = response.content.decode()
        assert title in body and 'class="site-header"' in body


def test_the_admin_sends_no_addresses_to_gravatar(client_for, master):
    """Wagtail would show Gravatar images: hashed e-mail addresses sent to a third party."""
    master.is_superuser = True
    master.save(update_fields=["is_superuser"])
    body = client_for(master).get("/admin/").content.decode()
    assert "gravatar" not in body.lower()
