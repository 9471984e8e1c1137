"""The content calendar as a personal, revocable secret feed: calendar apps subscribe without
signing in, poll cheaply (ETag/Last-Modified, 304), see the same DTSTAMP for an unchanged
entry and the same UIDs when the site moves; three independent parsers read it alike."""

import datetime

import icalendar
import pytest
import time_machine
from django.test import Client, override_settings

from strategy import services
from tests.factories import MemberFactory
from tests.ical_parsers import events_in_all_three
from tests.strategy.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


def feed_url(member) -> str:
    return f"/content-calendar/feed/{services.content_calendar_feed(member=member).secret}.ics"


@pytest.fixture
def entries():
    return [CalendarEntryFactory(title="Dag van de Social Media"), CalendarEntryFactory(title="Beurs", title_en="Fair")]


def test_the_feed_opens_without_login_and_three_parsers_agree(member, entries):
    response = Client().get(feed_url(member))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = events_in_all_three(response.content)
    assert sorted(summary for _uid, summary, _stamp in events) == ["Beurs", "Dag van de Social Media"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["refresh-interval"].params["VALUE"] == "DURATION"
    assert calendar.decoded("refresh-interval") == datetime.timedelta(hours=1)
    assert b"X-PUBLISHED-TTL:PT1H" in response.content


def test_revoking_stops_the_old_address_at_once(client_for, member, entries):
    old = feed_url(member)
    assert Client().get(old).status_code == 200
    response = client_for(member).post("/content-calendar/revoke/")
    assert response.status_code == 302
    assert Client().get(old).status_code == 404
    assert Client().get(feed_url(member)).status_code == 200


def test_revoking_needs_a_post_by_a_signed_in_member(client_for, member):
    old = feed_url(member)
    assert client_for(member).get("/content-calendar/revoke/").status_code == 405
    assert Client().post("/content-calendar/revoke/").status_code == 302  # to the login page
    assert Client().get(old).status_code == 200


def test_each_member_has_their_own_address_and_revokes_only_their_own(client_for, member):
    other = MemberFactory()
    theirs = feed_url(other)
    assert theirs != feed_url(member)
    client_for(member).post("/content-calendar/revoke/")
    assert Client().get(theirs).status_code == 200


def test_a_deactivated_member_s_feed_stops(member):
    url = feed_url(member)
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert Client().get(url).status_code == 404
    assert Client().get("/content-calendar/feed/not-a-secret.ics").status_code == 404


def test_etag_and_last_modified_answer_304_until_an_entry_changes(member, entries):
    url = feed_url(member)
    first = Client().get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    assert Client().get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert Client().get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    with time_machine.travel(datetime.timedelta(minutes=5)):
        entries[0].title = "Dag van de Social Media 2.0"
        entries[0].save()
        changed = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_dtstamp_stays_for_an_unchanged_entry(member, entries):
    url = feed_url(member)
    before = events_in_all_three(Client().get(url).content)
    with time_machine.travel(datetime.timedelta(hours=3)):
        after = events_in_all_three(Client().get(url).content)
    assert after == before


def test_uids_do_not_follow_base_url(member, entries, settings):
    before = [uid for uid, _s, _d in events_in_all_three(Client().get(feed_url(member)).content)]
    assert before == sorted(f"calendar-entry-{entry.pk}@{settings.ICAL_UID_DOMAIN}" for entry in entries)
    with override_settings(BASE_URL="https://ambassadors.example.org"):
        after = [uid for uid, _s, _d in events_in_all_three(Client().get(feed_url(member)).content)]
    assert after == before


def test_the_download_sends_etag_too(logged_in, entries):
    first = logged_in.get("/content-calendar.ics")
    assert first["Content-Disposition"] == 'attachment; filename="content-calendar.ics"'
    assert logged_in.get("/content-calendar.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_calendar_page_offers_the_address_with_copy_and_revoke_in_dutch(client_for, member):
    member.language = "nl"
    member.save(update_fields=["language"])
    page = client_for(member).get("/content-calendar/").content.decode()
    assert feed_url(member) in page
    assert "webcal://" in page
    assert "Kopiëren" in page
    assert "Intrekken" in page
    assert 'data-copy="content-calendar-feed"' in page


def test_the_feed_takes_the_same_queries_however_many_entries(member, django_assert_max_num_queries):
    url = feed_url(member)
    CalendarEntryFactory()
    with django_assert_max_num_queries(2):
        Client().get(url)
    CalendarEntryFactory.create_batch(10)
    with django_assert_max_num_queries(2):
        Client().get(url)
