"""``core.queue.enqueue``: a task by name, after commit, found even before its module loaded."""

import sys
from unittest import mock

import pytest
from celery import current_app
from celery.exceptions import NotRegistered
from django.db import transaction

from core.queue import enqueue
from people import tasks

pytestmark = pytest.mark.django_db


def test_the_task_is_sent_after_commit_and_not_after_a_rollback(django_capture_on_commit_callbacks):
    with mock.patch.object(tasks.send_invitation, "apply_async") as send:
        with django_capture_on_commit_callbacks(execute=True):
            enqueue("people.tasks.send_invitation", 42, countdown=5)
            assert not send.called
        send.assert_called_once_with(args=(42,), kwargs={}, countdown=5)
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
            enqueue("people.tasks.send_invitation", 43)
            raise RuntimeError("rolled back")
        assert send.call_count == 1


def test_a_tasks_module_nobody_imported_yet_is_discovered(django_capture_on_commit_callbacks, monkeypatch):
    name = "people.tasks.send_invitation_reminders"
    for registered in [n for n in current_app.tasks if n.startswith("people.tasks.")]:
        monkeypatch.delitem(current_app.tasks, registered)
    monkeypatch.delitem(sys.modules, "people.tasks")
    with mock.patch("celery.app.task.Task.apply_async") as send, django_capture_on_commit_callbacks(execute=True):
        enqueue(name)
    assert send.called and name in current_app.tasks


def test_an_unknown_task_fails_loudly(django_capture_on_commit_callbacks):
    with pytest.raises(NotRegistered), django_capture_on_commit_callbacks(execute=True):
        enqueue("people.tasks.no_such_task")
