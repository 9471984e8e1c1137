"""Many members registering and cancelling at the same moment on PostgreSQL: the capacity
is never exceeded and the waiting list keeps the order of arrival."""

import threading

import pytest

from learning.models import Registration
from learning.sessions import services
from tests.concurrency import run_at_once
from tests.factories import MemberFactory
from tests.learning.session_factories import make_session

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_fifty_members_registering_for_ten_places_at_once(require_postgres):
    session = make_session(capacity=10)
    members = MemberFactory.create_batch(50)
    arrived = []
    lock = threading.Lock()

    def register(member):
        def go():
            result = services.register(member=member, session=session)
            with lock:
                arrived.append((result.registration.position, member.pk))

        return go

    errors = run_at_once([register(m) for m in members])
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
    session = make_session(capacity=5)
    holders = MemberFactory.create_batch(5)
    waiting = MemberFactory.create_batch(5)
    for member in holders + waiting:
        services.register(member=member, session=session)
    newcomers = MemberFactory.create_batch(10)
    errors = run_at_once(
        [lambda m=m: services.cancel(member=m, session=session) for m in holders[:3]]
        + [lambda m=m: services.register(member=m, session=session) for m in newcomers]
    )
    assert errors == []
    registered = Registration.objects.filter(session=session, status="registered")
    assert registered.count() == 5
    # The three freed places went to the first three who were waiting, in order.
    assert set(registered.values_list("member_id", flat=True)) == {m.pk for m in holders[3:] + waiting[:3]}


def test_a_request_that_cannot_get_the_lock_in_time_is_told_to_retry(require_postgres, monkeypatch):
    from django.db import connections, transaction

    from learning.models import SessionPage

    session = make_session(capacity=5)
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
        monkeypatch.setattr(services, "LOCK_TIMEOUT", "200ms")
        with pytest.raises(services.Busy) as exc:
            services.register(member=member, session=session)
        assert exc.value.status_code == 503
    finally:
        release.set()
        holder.join(10)
    assert services.register(member=member, session=session).registration.status == "registered"
