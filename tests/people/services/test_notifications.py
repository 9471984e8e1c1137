"""Notifications: quiet hours, the e-mail claim, dedupe, mark-read and batched pushes."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from people import selectors
from people.models import Notification
from people.services import notifications as services
from tests.factories import MemberFactory

AMS = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMS)


@pytest.mark.parametrize(
    "now, expected",
    [
        (at(2026, 11, 24, 10), at(2026, 11, 24, 10)),  # Tuesday morning: now
        (at(2026, 11, 24, 7, 30), at(2026, 11, 24, 8)),  # Tuesday before eight: at eight
        (at(2026, 11, 24, 20), at(2026, 11, 25, 8)),  # Tuesday evening: next morning
        (at(2026, 11, 27, 18), at(2026, 11, 30, 8)),  # Friday six o'clock: Monday
        (at(2026, 11, 28, 11), at(2026, 11, 30, 8)),  # Saturday: Monday
        (at(2026, 11, 29, 23, 59), at(2026, 11, 30, 8)),  # Sunday night: Monday
    ],
)
def test_quiet_hours(db, now, expected):
    member = MemberFactory(email_outside_office_hours=False)
    assert services.next_email_time(member=member, now=now) == expected


def test_quiet_hours_respect_an_opt_in(db):
    member = MemberFactory(email_outside_office_hours=True)
    saturday = at(2026, 11, 28, 22)
    assert services.next_email_time(member=member, now=saturday) == saturday


def test_notify_in_office_hours_emails_at_once_in_the_members_language(db, django_capture_on_commit_callbacks):
    member = MemberFactory(language="nl", email_outside_office_hours=False)
    with (
        mock.patch("django.utils.timezone.now", return_value=at(2026, 11, 24, 10)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification = services.notify(
            member=member, kind="test", title=_("Course completed: %(course)s"), params={"course": "LinkedIn"}
        )
    with translation.override("nl"):
        expected = translation.gettext("Course completed: %(course)s") % {"course": "LinkedIn"}
    assert notification.title == expected
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == expected
    assert mail.outbox[0].to == [member.email]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_notify_at_the_weekend_waits_for_monday_morning(db, django_capture_on_commit_callbacks):
    member = MemberFactory(email_outside_office_hours=False)
    with (
        mock.patch("django.utils.timezone.now", return_value=at(2026, 11, 28, 11)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification = services.notify(member=member, kind="test", title="Hello")
        assert services.send_due_notification_emails() == 0
    assert mail.outbox == []
    assert notification.email_due_at == at(2026, 11, 30, 8)
    with mock.patch("django.utils.timezone.now", return_value=at(2026, 11, 30, 8, 5)):
        assert services.send_due_notification_emails() == 1
        assert services.send_due_notification_emails() == 0  # the sweep running twice sends once
    assert len(mail.outbox) == 1


@pytest.mark.clock
def test_the_email_task_running_twice_sends_once(db):
    from people.tasks import send_notification_email

    member = MemberFactory()
    notification = services.notify(member=member, kind="test", title="Hello")
    assert send_notification_email.apply(args=[notification.pk]).get() is True
    assert send_notification_email.apply(args=[notification.pk]).get() is False
    assert len(mail.outbox) == 1


@pytest.mark.clock
def test_a_failed_send_is_retried_by_the_next_sweep(db):
    member = MemberFactory()
    notification = services.notify(member=member, kind="test", title="Hello")
    with (
        mock.patch("people.services.notifications.send_mail", side_effect=ConnectionError("smtp down")),
        pytest.raises(ConnectionError),
    ):
        services.send_notification_email(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.emailed_at is None
    assert services.send_due_notification_emails() == 1
    assert len(mail.outbox) == 1


def test_no_email_for_members_who_do_not_want_it(db, django_capture_on_commit_callbacks):
    member = MemberFactory(email_notifications=False)
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(member=member, kind="test", title="Hello")
    assert notification.email_due_at is None
    assert services.send_due_notification_emails() == 0
    assert mail.outbox == []


def test_the_same_news_reaches_a_member_once(db, django_capture_on_commit_callbacks):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.notify(member=member, kind="x", title="Hi", dedupe_key="k")
        second = services.notify(member=member, kind="x", title="Hi", dedupe_key="k")
    assert first.pk == second.pk
    assert Notification.objects.filter(member=member).count() == 1
    assert len(mail.outbox) == 1


def test_mark_read(db):
    member, other = MemberFactory(), MemberFactory()
    for _i in range(3):
        services.notify(member=member, kind="x", title="Hi", email=False)
    theirs = services.notify(member=other, kind="x", title="Hi", email=False)
    assert selectors.unread_count(member_id=member.pk) == 3
    assert services.mark_read(member=member, notification_ids=[theirs.pk]) == 0
    assert services.mark_read(member=member) == 3
    assert selectors.unread_count(member_id=member.pk) == 0
    assert selectors.unread_count(member_id=other.pk) == 1


def test_a_batch_of_pushes_keeps_each_new_notification_and_counts_once(
    db, held_batches, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []

    class Layer:
        async def group_send(self, group, message):
            sent.append((group, message))

    monkeypatch.setattr(services, "get_channel_layer", Layer)
    member, other = MemberFactory(email_notifications=False), MemberFactory(email_notifications=False)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.notify(
            member=member, kind="level_reached", title=_("New level: %(level)s"), params={"level": 2}
        )
        second = services.notify(member=member, kind="badge", title=_("Badge"))
    services.push_unread_count(member_id=member.pk)  # covered by the two pushes above
    services.push_unread_count(member_id=other.pk)
    assert sent == []
    assert services._pushes.drain() == 4
    mine = services.notification_group(member.pk)
    assert [(g, m.get("latest", {}).get("id"), m["unread"]) for g, m in sent] == [
        (mine, first.pk, 2),
        (mine, second.pk, 2),
        (services.notification_group(other.pk), None, 0),
    ]


def _email_task():
    from core.queue import _task

    return _task("people.tasks.send_notification_emails")


def test_notify_many_emails_in_a_few_tasks_honouring_language_and_hours(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "EMAILS_PER_TASK", 2)
    english = [MemberFactory(language="en", email_outside_office_hours=True) for _i in range(3)]
    dutch = [MemberFactory(language="nl", email_outside_office_hours=True) for _i in range(2)]
    no_email = MemberFactory(email_notifications=False)
    office_hours = MemberFactory(email_outside_office_hours=False)
    members = [*english, *dutch, no_email, office_hours]
    task = _email_task()
    saturday = at(2026, 11, 28, 11)
    with (
        mock.patch("django.utils.timezone.now", return_value=saturday),
        mock.patch.object(task, "apply_async", wraps=task.apply_async) as sent_tasks,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.notify_many(
            members=[(m, f"/x/{m.pk}/") for m in members],
            kind="test",
            title=_("Course completed: %(course)s"),
            params={"course": "LinkedIn"},
            dedupe_key="many",
        ) == len(members)
    assert sent_tasks.call_count == 3  # five e-mails due now, two to a task
    with translation.override("nl"):
        dutch_subject = translation.gettext("Course completed: %(course)s") % {"course": "LinkedIn"}
    assert dutch_subject != "Course completed: LinkedIn"
    assert sorted((e.to[0], e.subject) for e in mail.outbox) == sorted(
        [(m.email, "Course completed: LinkedIn") for m in english] + [(m.email, dutch_subject) for m in dutch]
    )
    waiting = Notification.objects.get(member=office_hours, dedupe_key="many")
    assert waiting.email_due_at == at(2026, 11, 30, 8) and waiting.emailed_at is None
    assert Notification.objects.get(member=no_email, dedupe_key="many").email_due_at is None
    with mock.patch("django.utils.timezone.now", return_value=at(2026, 11, 30, 8, 5)):
        assert services.send_due_notification_emails() == 1
    assert mail.outbox[-1].to == [office_hours.email]


@pytest.mark.clock
def test_the_batch_email_task_running_twice_sends_once(db):
    members = [MemberFactory() for _i in range(3)]
    ids = [services.notify(member=m, kind="test", title="Hello").pk for m in members]
    assert _email_task().apply(args=[ids]).result == 3
    assert _email_task().apply(args=[ids]).result == 0
    assert sorted(e.to[0] for e in mail.outbox) == sorted(m.email for m in members)


@pytest.mark.clock
def test_a_failed_send_in_a_batch_releases_its_claim_and_leaves_the_rest_due(db):
    members = [MemberFactory() for _i in range(3)]
    ids = [services.notify(member=m, kind="test", title="Hello").pk for m in members]
    with (
        mock.patch("people.services.notifications.send_mail", side_effect=[1, ConnectionError("smtp down")]),
        pytest.raises(ConnectionError),
    ):
        services.send_notification_emails(notification_ids=ids)
    emailed = dict(Notification.objects.filter(pk__in=ids).values_list("pk", "emailed_at"))
    assert emailed[ids[0]] is not None  # sent before the failure: not sent again
    assert emailed[ids[1]] is None and emailed[ids[2]] is None
    assert services.send_due_notification_emails() == 2
    assert sorted(e.to[0] for e in mail.outbox) == sorted([members[1].email, members[2].email])
