"""The Celery tasks: their names (the beat schedule uses them) and running them twice."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from cms.celery import app
from events.services.registration import register
from events.tasks import send_session_reminders
from tests.events.factories import SessionFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_beat_schedule_names_the_reminder_task():
    task = settings.CELERY_BEAT_SCHEDULE["send-session-reminders"]["task"]
    assert task == "events.tasks.send_session_reminders"
    assert app.tasks[task].name == send_session_reminders.name  # registered under that name


@pytest.mark.clock
def test_reminders_are_sent_once_even_when_the_task_runs_twice():
    session = SessionFactory(starts_in=datetime.timedelta(hours=20))
    register(member=MemberFactory(), session=session)
    mail.outbox.clear()
    assert send_session_reminders.delay().result == 1
    assert send_session_reminders.delay().result == 0
    assert len(mail.outbox) == 1
