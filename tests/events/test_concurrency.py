"""Many members registering and cancelling at the same moment on PostgreSQL: the capacity
is never exceeded and the waiting list keeps the order of arrival."""

import datetime
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


def test_on_postgresql_the_lock_and_the_new_registration_are_one_round_trip(require_postgres):
    """What happens under the session's lock is paid by everyone queued behind it: the lock,
    the count and the insert go in one message, and only the commit follows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = SessionFactory(capacity=1)
    with CaptureQueriesContext(connection) as queries:
        register(member=MemberFactory(), session=session)
    sql = [q["sql"] for q in queries.captured_queries]
    locking = [i for i, statement in enumerate(sql) if "FOR UPDATE" in statement]
    assert len(locking) == 1, sql
    assert "INSERT INTO" in sql[locking[0]]
    assert [s for s in sql[locking[0] + 1 :] if s != "COMMIT"] == []


def _line(session):
    return [(r.status, r.position) for r in Registration.objects.filter(session=session).order_by("position")]


def test_the_one_statement_and_the_portable_path_decide_alike(require_postgres, monkeypatch):
    """The same registrations through the PostgreSQL statement and through the portable path
    (the statement made to insert nothing, so ``register`` decides from its own reads)."""
    from django.utils import timezone

    from events.errors import RegistrationClosed, SessionFull
    from events.services import registration_pg

    members = MemberFactory.create_batch(5)
    outcomes = {}
    for way in ("statement", "portable"):
        if way == "portable":
            monkeypatch.setattr(registration_pg, "lock_and_place", lambda **kwargs: None)
        with_list = SessionFactory(capacity=2)
        answers = [register(member=m, session=with_list) for m in members]
        answers.append(register(member=members[0], session=with_list))  # again: the same one
        cancel(member=members[1], session=with_list)
        answers.append(register(member=members[1], session=with_list))  # again after cancelling
        full = SessionFactory(capacity=1, waiting_list=False)
        register(member=members[0], session=full)
        with pytest.raises(SessionFull):
            register(member=members[1], session=full)
        closed = SessionFactory(capacity=5, registration_deadline=timezone.now() - datetime.timedelta(hours=1))
        with pytest.raises(RegistrationClosed):
            register(member=members[0], session=closed)
        cancelled = SessionFactory(capacity=5, cancelled=True)
        with pytest.raises(RegistrationClosed):
            register(member=members[0], session=cancelled)
        outcomes[way] = (
            [(a.registration.status, a.registration.position, a.created) for a in answers],
            _line(with_list),
            _line(full),
        )
    assert outcomes["statement"] == outcomes["portable"]
    assert outcomes["statement"][0][:5] == [
        ("registered", 1, True),
        ("registered", 2, True),
        ("waitlisted", 3, True),
        ("waitlisted", 4, True),
        ("waitlisted", 5, True),
    ]
    assert outcomes["statement"][0][5] == ("registered", 1, False)
