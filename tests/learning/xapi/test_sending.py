"""Sending the outbox to a real LRS-like server (``lrs.LRS``, validating with TinCanPython):
after commit, in batches, with Basic auth and the version header; kept and retried with
back-off while the LRS is down; never posted twice; a conflicting id refused on its own."""

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import timezone

from cms.celery import app as celery_app
from learning import services
from learning.models import XapiStatement
from learning.xapi import sending
from learning.xapi.sending import back_off, send_due
from tests.factories import lessons_of, make_course, make_path

pytestmark = pytest.mark.django_db


def finish_course(member, lessons=2):
    course = make_course(lessons=lessons)
    make_path([course])
    for lesson in lessons_of(course):
        services.complete_lesson(member=member, lesson=lesson)
    return course


def test_statements_reach_the_lrs_after_commit_valid_and_once(lrs, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        finish_course(member)
    # two lessons, the course, the path: all taken, each posted once
    assert len(lrs.statements) == 4
    assert sorted(lrs.posted_ids) == sorted(str(pk) for pk in XapiStatement.objects.values_list("pk", flat=True))
    assert not XapiStatement.objects.filter(sent_at__isnull=True).exists()
    assert send_due().sent == 0  # nothing left to send


def test_an_lrs_that_is_down_loses_nothing_and_gets_each_statement_once(
    lrs, member, django_capture_on_commit_callbacks
):
    lrs.stop()
    with django_capture_on_commit_callbacks(execute=True):
        finish_course(member, lessons=1)
    rows = list(XapiStatement.objects.all())
    assert len(rows) == 3 and all(row.sent_at is None and row.attempts == 1 for row in rows)
    assert rows[0].last_error.startswith("ConnectionError")
    lrs.start()
    assert send_due().sent == 0  # not due yet: the back-off runs
    with time_machine.travel(timezone.now() + back_off(1) + datetime.timedelta(seconds=1)):
        assert send_due().sent == 3
        assert send_due().sent == 0
    assert len(lrs.posted_ids) == len(set(lrs.posted_ids)) == 3


def test_the_back_off_doubles_while_the_lrs_answers_503(lrs, member):
    lrs.answer_with = 503
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        finish_course(member, lessons=1)  # outside on-commit: only the sweep sends
        waits = []
        for _try in range(4):
            report = send_due()
            assert report.deferred == 3 and report.sent == 0
            row = XapiStatement.objects.earliest("created_at")
            waits.append(row.next_attempt_at - timezone.now())
            traveller.shift(waits[-1])
    assert waits == [datetime.timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert back_off(20) == datetime.timedelta(hours=1)
    lrs.answer_with = None
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        assert send_due().sent == 3


def test_wrong_credentials_keep_the_statements_for_later(lrs, member, xapi_on):
    xapi_on.XAPI_LRS_SECRET = "not the secret"
    finish_course(member, lessons=1)
    report = send_due()
    assert report.deferred == 3 and not lrs.statements
    assert XapiStatement.objects.filter(last_error__startswith="401").count() == 3


def test_a_conflicting_id_is_refused_alone_and_the_rest_sent(lrs, member):
    finish_course(member, lessons=2)
    rows = list(XapiStatement.objects.order_by("created_at"))
    clash = dict(rows[1].statement, timestamp="2020-01-01T00:00:00.000Z")
    lrs.statements[clash["id"]] = clash  # the LRS has this id with other content
    report = send_due()
    assert (report.sent, report.rejected) == (3, 1)
    rejected = XapiStatement.objects.get(rejected_at__isnull=False)
    assert rejected.pk == rows[1].pk and rejected.last_error.startswith("409")
    assert send_due().sent == 0  # a refused statement is not tried again
    assert lrs.statements[clash["id"]] == clash


def test_a_statement_sent_again_after_a_lost_answer_is_a_no_op(lrs, member):
    finish_course(member, lessons=1)
    assert send_due().sent == 3
    # the worker died before marking them sent: they go again, with the same ids and content
    XapiStatement.objects.update(sent_at=None)
    assert send_due().sent == 3
    assert len(lrs.statements) == 3


def test_two_senders_never_post_the_same_batch(lrs, member):
    finish_course(member, lessons=1)
    token, claimed = sending._claim(timezone.now(), 50)
    assert len(claimed) == 3
    assert send_due().sent == 0 and lrs.requests == 0  # the other sender finds them claimed
    with time_machine.travel(timezone.now() + sending.CLAIM_FOR + datetime.timedelta(seconds=1)):
        assert send_due().sent == 3  # a claim of a sender that died runs out


def test_many_statements_go_in_batches(lrs, member):
    for _course in range(3):
        finish_course(member, lessons=8)  # 27 statements with the paths
    total = XapiStatement.objects.count()
    report = send_due(batch_size=10)
    assert report.sent == total == len(lrs.statements)
    assert lrs.requests == -(-total // 10)


def test_the_task_is_registered_and_scheduled(lrs, member):
    finish_course(member, lessons=1)
    task = celery_app.tasks["learning.tasks.send_xapi_statements"]
    assert task.apply().result == {"sent": 3, "rejected": 0, "deferred": 0}
    assert django_settings.CELERY_BEAT_SCHEDULE["send-xapi-statements"]["task"] == task.name
