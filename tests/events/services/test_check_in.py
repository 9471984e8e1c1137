"""Check-in by hosts and Masters: once, by code or id, in the window, with a place."""

import datetime

import pytest

from core.errors import Conflict, NotAllowed, NotFound
from events.services.check_in import check_in
from events.services.registration import register
from gamification.models import PointsEntry
from people.models import Role
from tests.events.factories import SessionFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_check_in_is_idempotent_and_records_attendance_once():
    host = MemberFactory()
    session = SessionFactory(hosts=[host], starts_in=datetime.timedelta(minutes=30))
    member = MemberFactory()
    registration = register(member=member, session=session).registration
    first = check_in(session=session, registration=registration.code, by=host)
    second = check_in(session=session, registration=str(registration.pk), by=host)
    assert first.newly and not second.newly
    registration.refresh_from_db()
    assert registration.attended and registration.checked_in_by == host
    assert PointsEntry.objects.filter(member=member, action="session_attended").count() == 1


def test_only_hosts_and_masters_check_in():
    host = MemberFactory()
    session = SessionFactory(hosts=[host], starts_in=datetime.timedelta(minutes=30))
    registration = register(member=MemberFactory(), session=session).registration
    for outsider in (MemberFactory(), MemberFactory(role=Role.EDITOR), registration.member):
        with pytest.raises(NotAllowed):
            check_in(session=session, registration=registration.code, by=outsider)
    master = MemberFactory(role=Role.MASTER)
    assert check_in(session=session, registration=registration.code, by=master).newly


@pytest.mark.clock
def test_check_in_refuses_waitlisted_unknown_codes_and_too_early():
    host = MemberFactory()
    session = SessionFactory(hosts=[host], capacity=1, starts_in=datetime.timedelta(minutes=30))
    register(member=MemberFactory(), session=session)
    waiting = register(member=MemberFactory(), session=session).registration
    with pytest.raises(Conflict):
        check_in(session=session, registration=waiting.code, by=host)
    with pytest.raises(NotFound):
        check_in(session=session, registration="NOPE", by=host)
    other = SessionFactory(hosts=[host])
    registration = register(member=MemberFactory(), session=other).registration
    with pytest.raises(NotFound):  # a code from another session
        check_in(session=session, registration=registration.code, by=host)
    with pytest.raises(Conflict) as exc:  # a week early
        check_in(session=other, registration=registration.code, by=host)
    assert exc.value.code == "check_in_not_open"


def test_check_in_closes_a_day_after_the_session():
    host = MemberFactory()
    session = SessionFactory(hosts=[host], starts_in=datetime.timedelta(hours=1))
    registration = register(member=MemberFactory(), session=session).registration
    later = session.ends_at + datetime.timedelta(hours=25)
    with pytest.raises(Conflict) as exc:
        check_in(session=session, registration=registration, by=host, now=later)
    assert exc.value.code == "check_in_closed"
