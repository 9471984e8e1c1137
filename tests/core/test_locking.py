"""core.lock: rows locked in a fixed order, a short wait on PostgreSQL turned into Busy."""

import threading

import pytest
from django.db import transaction

from core.errors import Busy
from core.locking import _targets, lock
from people.models import Department, Member
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_lock_needs_a_transaction():
    member = MemberFactory()
    with pytest.raises(transaction.TransactionManagementError):
        lock(member)


def test_rows_are_locked_in_one_order_whatever_the_callers_order():
    a, b = MemberFactory(), MemberFactory()
    department = DepartmentFactory()
    first = _targets([b, department, (Member, a.pk), b])
    second = _targets([(Department, department.pk), a, b])
    assert first == second == [(Department, department.pk), (Member, a.pk), (Member, b.pk)]


def test_a_lazy_request_user_is_locked_as_its_member():
    from django.utils.functional import SimpleLazyObject

    member = MemberFactory()
    lazy = SimpleLazyObject(lambda: member)
    assert _targets([lazy]) == [(Member, member.pk)]


def test_lock_reads_nothing_into_the_objects_and_allows_writes():
    member = MemberFactory(display_name="Before")
    with transaction.atomic():
        lock(member)
        Member.objects.filter(pk=member.pk).update(display_name="After")
    member.refresh_from_db()
    assert member.display_name == "After"


@pytest.mark.django_db(transaction=True)
def test_a_row_held_elsewhere_answers_busy_after_the_short_wait(require_postgres, settings):
    settings.LOCK_TIMEOUT = "200ms"
    member = MemberFactory()
    held, release = threading.Event(), threading.Event()

    def holder():
        from django.db import connection

        try:
            with transaction.atomic():
                lock(member)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10)
        with pytest.raises(Busy) as refused, transaction.atomic():
            lock(member)
        assert refused.value.status_code == 503 and refused.value.code == "busy"
    finally:
        release.set()
        thread.join(10)
    # Once the holder is gone the same lock is had at once, and the wait is back to the default.
    with transaction.atomic():
        lock(member)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "0"


def test_a_lazy_request_user_is_locked_as_the_member(member):
    from django.utils.functional import SimpleLazyObject

    assert _targets([SimpleLazyObject(lambda: member)]) == [(type(member), member.pk)]
    with transaction.atomic():
        lock(SimpleLazyObject(lambda: member))
