"""Registration, the waiting list, promotion, cancellation, and what a published change
tells the registrants."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from core.errors import Conflict, NotFound
from events.errors import NotForYou, RegistrationClosed, SessionFull
from events.models import Registration
from events.services.registration import cancel, register
from people.models import Notification
from tests.branding import BRAND_NAME, BRAND_PRIMARY, branded_organisation, html_of
from tests.events.factories import SessionFactory, move
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_registration_gives_places_until_full_then_waitlists_in_order():
    session = SessionFactory(capacity=2)
    members = MemberFactory.create_batch(4)
    statuses = [register(member=m, session=session).registration.status for m in members]
    assert statuses == ["registered", "registered", "waitlisted", "waitlisted"]
    waiting = Registration.objects.filter(session=session, status="waitlisted").order_by("position")
    assert [r.member_id for r in waiting] == [members[2].pk, members[3].pk]


def test_registering_twice_returns_the_same_registration():
    session = SessionFactory()
    member = MemberFactory()
    first = register(member=member, session=session)
    second = register(member=member, session=session)
    assert first.created and not second.created
    assert first.registration.pk == second.registration.pk
    assert Registration.objects.filter(session=session).count() == 1


def test_full_without_waiting_list_is_a_409():
    session = SessionFactory(capacity=1, waiting_list=False)
    register(member=MemberFactory(), session=session)
    with pytest.raises(SessionFull) as exc:
        register(member=MemberFactory(), session=session)
    assert exc.value.status_code == 409 and exc.value.code == "session_full"
    assert "full" in str(exc.value.message)


@pytest.mark.clock
def test_after_the_deadline_is_a_409():
    session = SessionFactory(registration_deadline=timezone.now() + datetime.timedelta(hours=1))
    later = timezone.now() + datetime.timedelta(hours=2)
    with pytest.raises(RegistrationClosed) as exc:
        register(member=MemberFactory(), session=session, now=later)
    assert exc.value.status_code == 409
    assert "closed" in str(exc.value.message)


def test_a_cancelled_session_takes_no_registrations():
    session = move(SessionFactory(), cancelled=True)
    with pytest.raises(RegistrationClosed):
        register(member=MemberFactory(), session=session)


def test_audience_departments_only():
    sales = DepartmentFactory(name="Sales")
    session = SessionFactory(departments=[sales])
    with pytest.raises(NotForYou) as exc:
        register(member=MemberFactory(), session=session)
    assert exc.value.status_code == 403
    assert register(member=MemberFactory(department=sales), session=session).created


def test_cancelling_promotes_the_first_in_line_and_tells_them():
    session = SessionFactory(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    for member in (first, second, third):
        register(member=member, session=session)
    cancel(member=first, session=session)
    assert Registration.objects.get(session=session, member=second).status == "registered"
    assert Registration.objects.get(session=session, member=third).status == "waitlisted"
    note = Notification.objects.get(member=second, kind="session_place")
    assert session.title in note.title
    assert not Notification.objects.filter(member=third, kind="session_place").exists()


def test_cancelling_a_waitlisted_registration_promotes_nobody():
    session = SessionFactory(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    for member in (first, second, third):
        register(member=member, session=session)
    cancel(member=second, session=session)
    assert Registration.objects.get(session=session, member=third).status == "waitlisted"


@pytest.mark.clock
def test_no_promotion_and_no_cancelling_once_the_session_started():
    session = SessionFactory(capacity=1, starts_in=datetime.timedelta(minutes=30))
    first, second = MemberFactory.create_batch(2)
    register(member=first, session=session)
    register(member=second, session=session)
    with time_machine.travel(session.starts_at + datetime.timedelta(minutes=1)):
        # A place that frees up after the start (the capacity raised) goes to nobody.
        session.capacity = 2
        session.save_revision().publish()
        assert Registration.objects.get(member=second, session=session).status == "waitlisted"
        with pytest.raises(Conflict):
            cancel(member=first, session=session)


def test_a_cancelled_registration_never_comes_back():
    session = SessionFactory(capacity=1)
    first, second = MemberFactory.create_batch(2)
    register(member=first, session=session)
    register(member=second, session=session)
    cancel(member=second, session=session)  # leaves the waiting list
    cancel(member=first, session=session)  # frees the place
    assert Registration.objects.get(member=second).status == "cancelled"
    assert Registration.objects.filter(session=session, status="registered").count() == 0
    # Registering again is a new registration at the back of the line.
    again = register(member=second, session=session)
    assert again.created and again.registration.status == "registered"
    assert Registration.objects.filter(member=second).count() == 2


def test_cancel_without_registration_is_404():
    with pytest.raises(NotFound):
        cancel(member=MemberFactory(), session=SessionFactory())


def test_raising_the_capacity_on_publish_promotes_the_waiting_list():
    session = SessionFactory(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    for member in (first, second, third):
        register(member=member, session=session)
    session.capacity = 2
    session.save_revision().publish()
    assert Registration.objects.get(member=second).status == "registered"
    assert Registration.objects.get(member=third).status == "waitlisted"


def test_time_change_and_cancellation_notify_registrants_once():
    session = SessionFactory(capacity=1)
    first, second = MemberFactory.create_batch(2)
    register(member=first, session=session)
    register(member=second, session=session)
    session.title = "New title only"
    session.save_revision().publish()
    assert not Notification.objects.filter(kind="session_changed").exists()

    session.starts_at = session.starts_at + datetime.timedelta(hours=2)
    session.ends_at = session.ends_at + datetime.timedelta(hours=2)
    session.save_revision().publish()
    session.save_revision().publish()  # publishing again without a change tells nobody again
    assert Notification.objects.filter(kind="session_changed", member=first).count() == 1
    assert Notification.objects.filter(kind="session_changed", member=second).count() == 1

    session.cancelled = True
    session.save_revision().publish()
    assert Notification.objects.filter(kind="session_cancelled").count() == 2


def test_the_change_notice_and_the_place_from_the_waiting_list_are_branded_e_mails(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    """Both go out through the shared notification e-mail: text and HTML, branded, in the
    member's language, at once (the pinned clock is a weekday morning)."""
    branded_organisation(settings, tmp_path)
    session = SessionFactory(title="Kennissessie", capacity=1)
    dutch = MemberFactory(language="nl", display_name="Fleur", email_outside_office_hours=True)
    english = MemberFactory(language="en", display_name="Emma", email_outside_office_hours=True)
    register(member=dutch, session=session)
    register(member=english, session=session)  # waiting list
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.starts_at += datetime.timedelta(hours=2)
        session.ends_at += datetime.timedelta(hours=2)
        session.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(member=dutch, session=session)
    by_recipient = {}
    for message in mail.outbox:
        by_recipient.setdefault(message.to[0], []).append(message)
    (changed_nl,) = [m for m in by_recipient[dutch.email] if m.subject.startswith("Gewijzigd")]
    html = html_of(changed_nl)
    assert '<html lang="nl">' in html and "Hoi Fleur," in html and BRAND_NAME in html
    assert f"background:{BRAND_PRIMARY}" in html and "Kennissessie" in changed_nl.body
    (place,) = [m for m in by_recipient[english.email] if m.subject.startswith("You have a place")]
    html = html_of(place)
    assert '<html lang="en">' in html and "Hello Emma," in html and BRAND_NAME in html
    assert "A place became free" in place.body
