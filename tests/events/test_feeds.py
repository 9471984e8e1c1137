"""The sessions feed and a session's ``.ics`` as calendar apps and API clients use them:
three independent parsers agree, ETag/Last-Modified answer 304, DTSTAMP stays for an
unchanged session, REFRESH-INTERVAL/X-PUBLISHED-TTL are set, and the API's ``ics_url``
opens with the client's token (not the login page)."""

import datetime

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from events.services.calendar_feeds import calendar_feed
from events.services.registration import register
from people.services.tokens import api_token
from tests.events.factories import SessionFactory
from tests.factories import MemberFactory
from tests.ical_parsers import events_in_all_three

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(member):
    register(member=member, session=SessionFactory(title="Kennissessie LinkedIn"))
    register(member=member, session=SessionFactory(title="Meetup"))
    return f"/calendar/{calendar_feed(member=member).secret}.ics"


def test_three_parsers_read_the_feed_alike_with_a_refresh_interval(feed):
    response = Client().get(feed)
    events = events_in_all_three(response.content)
    assert [summary for _uid, summary, _stamp in events] == sorted(["Kennissessie LinkedIn", "Meetup"])
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    assert b"X-PUBLISHED-TTL:PT1H" in response.content


def test_the_feed_answers_304_until_something_changes(feed, member):
    first = Client().get(feed)
    assert Client().get(feed, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert Client().get(feed, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    register(member=member, session=SessionFactory(title="Webinar"))
    assert Client().get(feed, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_dtstamp_stays_for_an_unchanged_session(feed):
    before = events_in_all_three(Client().get(feed).content)
    with time_machine.travel(datetime.timedelta(hours=5)):
        assert events_in_all_three(Client().get(feed).content) == before


def test_uids_keep_their_old_shape(feed, settings):
    uids = [uid for uid, _s, _d in events_in_all_three(Client().get(feed).content)]
    assert all(uid.startswith("session-") and uid.endswith("@127.0.0.1") for uid in uids)
    settings.BASE_URL = "https://ambassadors.example.org"
    assert [uid for uid, _s, _d in events_in_all_three(Client().get(feed).content)] == uids


def test_the_api_ics_url_works_with_the_clients_token(member):
    session = SessionFactory(title="Kennissessie")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(member=member)}")
    detail = client.get(f"/api/v1/sessions/{session.pk}/").json()
    response = client.get(detail["ics_url"].replace("http://testserver", ""))
    assert response.status_code == 200
    assert [summary for _u, summary, _d in events_in_all_three(response.content)] == ["Kennissessie"]
    assert client.get(detail["ics_url"], HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_wrong_token_is_401_with_a_code_and_no_token_still_goes_to_the_login(member):
    session = SessionFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = client.get(f"/session/{session.pk}/session.ics")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert Client().get(f"/session/{session.pk}/session.ics").status_code == 302


def test_an_inactive_members_token_does_not_open_it():
    member = MemberFactory()
    key = api_token(member=member)
    member.is_active = False
    member.save(update_fields=["is_active"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(f"/session/{SessionFactory().pk}/session.ics").status_code == 401
