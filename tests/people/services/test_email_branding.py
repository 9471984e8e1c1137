"""E-mails go out as text and as HTML in the organisation's branding: its name, colour
and logo (an absolute address, as mail clients need)."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail

from people.services import invitations
from people.services import notifications as services
from tests.branding import BRAND_NAME, BRAND_PRIMARY, branded_organisation, html_of
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

TUESDAY_MORNING = datetime.datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def branded(settings, tmp_path):
    return branded_organisation(settings, tmp_path)


def test_a_notification_email_is_branded(branded, django_capture_on_commit_callbacks):
    member = MemberFactory(language="nl", display_name="Fleur")
    with (
        mock.patch("django.utils.timezone.now", return_value=TUESDAY_MORNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.notify(member=member, kind="test", title="Je verhaal is goedgekeurd", url="/stories/1/")
    (message,) = mail.outbox
    html = html_of(message)
    assert BRAND_NAME in html
    assert f"background:{BRAND_PRIMARY}" in html
    assert f'src="{settings.BASE_URL}{branded.logo_url}"' in html
    assert f"{settings.BASE_URL}/stories/1/" in html
    assert "Hoi Fleur," in html and '<html lang="nl">' in html
    assert "Je verhaal is goedgekeurd" in message.body  # the text part stays


def test_without_a_logo_the_name_heads_the_mail(django_capture_on_commit_callbacks):
    member = MemberFactory()
    with (
        mock.patch("django.utils.timezone.now", return_value=TUESDAY_MORNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.notify(member=member, kind="test", title="Hello")
    html = html_of(mail.outbox[0])
    assert "<img" not in html and settings.WAGTAIL_SITE_NAME in html


def test_an_invitation_email_is_branded(master, branded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(rows=[{"name": "Anna", "email": "anna@example.com", "line": 2}], by=master)
    (message,) = mail.outbox
    html = html_of(message)
    assert BRAND_NAME in html and f"background:{BRAND_PRIMARY}" in html
    assert f"{settings.BASE_URL}{branded.logo_url}" in html
    assert "/join/" in html and "/join/" in message.body
