"""The 24-hour and 1-hour reminder e-mails."""

import datetime

import pytest
from django.core import mail

from events.services.registration import register
from events.services.reminders import send_reminders
from tests.branding import BRAND_NAME, BRAND_PRIMARY, branded_organisation, html_of
from tests.events.factories import SessionFactory, move
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_each_reminder_goes_once_in_the_members_language():
    session = SessionFactory(title="Kennissessie storytelling", starts_in=datetime.timedelta(hours=20))
    dutch = MemberFactory(language="nl")
    english = MemberFactory(language="en")
    register(member=dutch, session=session)
    register(member=english, session=session)
    mail.outbox.clear()
    assert send_reminders() == 2
    assert send_reminders() == 0
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient[english.email].subject.startswith("Tomorrow")
    assert by_recipient[dutch.email].subject.startswith("Morgen")
    assert by_recipient[dutch.email].attachments[0][0] == "session.ics"
    # One hour before: the second reminder, also once.
    soon = session.starts_at - datetime.timedelta(minutes=50)
    assert send_reminders(now=soon) == 2
    assert send_reminders(now=soon) == 0
    assert len(mail.outbox) == 4
    assert mail.outbox[-1].subject.startswith(("In one hour", "Over een uur"))


@pytest.mark.clock
def test_no_reminders_for_waitlisted_or_cancelled_sessions():
    session = SessionFactory(capacity=1, starts_in=datetime.timedelta(hours=5))
    register(member=MemberFactory(), session=session)
    register(member=MemberFactory(), session=session)
    move(session, cancelled=True)
    assert send_reminders() == 0


def test_a_failed_reminder_is_tried_again(monkeypatch):
    session = SessionFactory(starts_in=datetime.timedelta(hours=5))
    registration = register(member=MemberFactory(), session=session).registration

    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        send_reminders()
    registration.refresh_from_db()
    assert registration.reminded_24h_at is None
    monkeypatch.undo()
    assert send_reminders() == 1


def test_the_reminder_is_html_in_the_organisations_branding_and_the_members_language(settings, tmp_path):
    branded = branded_organisation(settings, tmp_path)
    session = SessionFactory(title="Kennissessie storytelling", starts_in=datetime.timedelta(hours=20))
    dutch = MemberFactory(language="nl", display_name="Fleur")
    english = MemberFactory(language="en", display_name="Emma")
    codes = {m.email: register(member=m, session=session).registration.code for m in (dutch, english)}
    mail.outbox.clear()
    assert send_reminders() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    for member, lang, hello, when in ((dutch, "nl", "Hoi Fleur,", "Wanneer"), (english, "en", "Hello Emma,", "When")):
        message = by_recipient[member.email]
        html = html_of(message)
        assert f'<html lang="{lang}">' in html and hello in html and f">{when}<" in html
        assert BRAND_NAME in html and f"background:{BRAND_PRIMARY}" in html
        assert f'src="{settings.BASE_URL}{branded.logo_url}"' in html
        assert codes[member.email] in html and f"{settings.BASE_URL}{session.url}" in html
        # The text part and the calendar attachment stay.
        assert codes[member.email] in message.body and "<html" not in message.body
        assert message.attachments[0][0] == "session.ics"
