"""Many members registering and cancelling at the same moment on PostgreSQL: the capacity
is never exceeded and the waiting list keeps the order of arrival."""

import threading

import pytest

from core.errors import Busy
from events.models import Registration, SessionPage
from events.services.registration import cancel, register
from tests.concurrency import run_at_once
from tests.events.factories import SessionFactory
from tests.factories import MemberFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_fifty_members_registering_for_ten_places_at_once(require_postgres):
    session = SessionFactory(capacity=10)
    members = MemberFactory.create_batch(50)
    arrived = []
    lock = threading.Lock()

    def registering(member):
        def go():
            result = register(member=member, session=session)
            with lock:
                arrived.append((result.registration.position, member.pk))

        return go

    errors = run_at_once([registering(m) for m in members])
    assert errors == []
    registrations = list(Registration.objects.filter(session=session).order_by("position"))
    statuses = [r.status for r in registrations]
    assert statuses.count("registered") == 10
    assert statuses.count("waitlisted") == 40
    # Order kept: positions 1..50 without gaps, the first ten by arrival have the places
    # and the waiting list is in the order the lock was granted.
    assert [r.position for r in registrations] == list(range(1, 51))
    assert statuses == ["registered"] * 10 + ["waitlisted"] * 40
    assert [r.created_at for r in registrations] == sorted(r.created_at for r in registrations)
    assert sorted(arrived) == [(r.position, r.member_id) for r in registrations]


def test_cancellations_and_registrations_at_once_never_exceed_the_capacity(require_postgres):
    session = SessionFactory(capacity=5)
    holders = MemberFactory.create_batch(5)
    waiting = MemberFactory.create_batch(5)
    for member in holders + waiting:
        register(member=member, session=session)
    newcomers = MemberFactory.create_batch(10)
    errors = run_at_once(
        [lambda m=m: cancel(member=m, session=session) for m in holders[:3]]
        + [lambda m=m: register(member=m, session=session) for m in newcomers]
    )
    assert errors == []
    registered = Registration.objects.filter(session=session, status="registered")
    assert registered.count() == 5
    # The three freed places went to the first three who were waiting, in order.
    assert set(registered.values_list("member_id", flat=True)) == {m.pk for m in holders[3:] + waiting[:3]}


def test_a_request_that_cannot_get_the_lock_in_time_is_told_to_retry(require_postgres, settings):
    from django.db import connections, transaction

    session = SessionFactory(capacity=5)
    member = MemberFactory()
    holding = threading.Event()
    release = threading.Event()

    def hold_the_lock():
        try:
            with transaction.atomic():
                SessionPage.objects.select_for_update(of=("self",)).filter(pk=session.pk).values_list("pk").first()
                holding.set()
                release.wait(10)
        finally:
            connections["default"].close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert holding.wait(10)
        settings.LOCK_TIMEOUT = "200ms"
        with pytest.raises(Busy) as exc:
            register(member=member, session=session)
        assert exc.value.status_code == 503
        assert "Many people are registering right now" in str(exc.value.message)
    finally:
        release.set()
        holder.join(10)
    assert register(member=member, session=session).registration.status == "registered"
