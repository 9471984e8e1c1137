"""Registration, waiting list, promotion, cancellation, check-in, feedback and changes."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from gamification.models import PointsEntry
from learning.models import Registration, SessionKind
from learning.sessions import services
from people.models import Notification, Role
from tests.factories import DepartmentFactory, MemberFactory
from tests.learning.session_factories import make_session, move

pytestmark = pytest.mark.django_db


def test_registration_gives_places_until_full_then_waitlists_in_order():
    session = make_session(capacity=2)
    members = MemberFactory.create_batch(4)
    statuses = [services.register(member=m, session=session).registration.status for m in members]
    assert statuses == ["registered", "registered", "waitlisted", "waitlisted"]
    waiting = Registration.objects.filter(session=session, status="waitlisted").order_by("position")
    assert [r.member_id for r in waiting] == [members[2].pk, members[3].pk]


def test_registering_twice_returns_the_same_registration():
    session = make_session()
    member = MemberFactory()
    first = services.register(member=member, session=session)
    second = services.register(member=member, session=session)
    assert first.created and not second.created
    assert first.registration.pk == second.registration.pk
    assert Registration.objects.filter(session=session).count() == 1


def test_full_without_waiting_list_is_a_409():
    session = make_session(capacity=1, waiting_list=False)
    services.register(member=MemberFactory(), session=session)
    with pytest.raises(services.SessionFull) as exc:
        services.register(member=MemberFactory(), session=session)
    assert exc.value.status_code == 409
    assert "full" in str(exc.value.message)


@pytest.mark.clock
def test_after_the_deadline_is_a_409():
    session = make_session(registration_deadline=timezone.now() + datetime.timedelta(hours=1))
    later = timezone.now() + datetime.timedelta(hours=2)
    with pytest.raises(services.RegistrationClosed) as exc:
        services.register(member=MemberFactory(), session=session, now=later)
    assert exc.value.status_code == 409
    assert "closed" in str(exc.value.message)


def test_a_cancelled_session_takes_no_registrations():
    session = move(make_session(), cancelled=True)
    with pytest.raises(services.RegistrationClosed):
        services.register(member=MemberFactory(), session=session)


def test_audience_departments_only():
    sales = DepartmentFactory(name="Sales")
    session = make_session(departments=[sales])
    with pytest.raises(services.NotForYou) as exc:
        services.register(member=MemberFactory(), session=session)
    assert exc.value.status_code == 403
    assert services.register(member=MemberFactory(department=sales), session=session).created


def test_cancelling_promotes_the_first_in_line_and_tells_them():
    session = make_session(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    for member in (first, second, third):
        services.register(member=member, session=session)
    services.cancel(member=first, session=session)
    assert Registration.objects.get(session=session, member=second).status == "registered"
    assert Registration.objects.get(session=session, member=third).status == "waitlisted"
    note = Notification.objects.get(member=second, kind="session_place")
    assert session.title in note.title
    assert not Notification.objects.filter(member=third, kind="session_place").exists()


def test_cancelling_a_waitlisted_registration_promotes_nobody():
    session = make_session(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    for member in (first, second, third):
        services.register(member=member, session=session)
    services.cancel(member=second, session=session)
    assert Registration.objects.get(session=session, member=third).status == "waitlisted"


@pytest.mark.clock
def test_no_promotion_once_the_session_started():
    session = make_session(capacity=1, starts_in=datetime.timedelta(minutes=30))
    first, second = MemberFactory.create_batch(2)
    services.register(member=first, session=session)
    services.register(member=second, session=session)
    # A place that frees up after the start (e.g. capacity raised) goes to nobody.
    move(session, capacity=2)
    after_start = session.starts_at + datetime.timedelta(minutes=1)
    assert services.fill_free_places(session=session, now=after_start) == []
    assert Registration.objects.get(member=second, session=session).status == "waitlisted"
    with pytest.raises(services.WrongState):
        services.cancel(member=first, session=session, now=after_start)


def test_a_cancelled_registration_never_comes_back():
    session = make_session(capacity=1)
    first, second = MemberFactory.create_batch(2)
    services.register(member=first, session=session)
    services.register(member=second, session=session)
    services.cancel(member=second, session=session)  # leaves the waiting list
    services.cancel(member=first, session=session)  # frees the place
    assert Registration.objects.get(member=second).status == "cancelled"
    assert Registration.objects.filter(session=session, status="registered").count() == 0
    # Registering again is a new registration at the back of the line.
    again = services.register(member=second, session=session)
    assert again.created and again.registration.status == "registered"
    assert Registration.objects.filter(member=second).count() == 2


def test_cancel_without_registration_is_404():
    with pytest.raises(services.NotFound):
        services.cancel(member=MemberFactory(), session=make_session())


def test_raising_the_capacity_on_publish_promotes_the_waiting_list():
    session = make_session(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    for member in (first, second, third):
        services.register(member=member, session=session)
    session.capacity = 2
    session.save_revision().publish()
    assert Registration.objects.get(member=second).status == "registered"
    assert Registration.objects.get(member=third).status == "waitlisted"


def test_lowering_the_capacity_below_the_registrations_is_a_clear_error():
    session = make_session(capacity=3)
    for member in MemberFactory.create_batch(3):
        services.register(member=member, session=session)
    session.capacity = 2
    with pytest.raises(ValidationError) as exc:
        session.full_clean()
    assert "3 members already have a place" in str(exc.value.message_dict["capacity"])


def test_lowering_the_capacity_in_the_wagtail_editor_shows_the_error(client):
    from wagtail.test.utils.form_data import rich_text

    master = MemberFactory(role=Role.MASTER, is_staff=True, is_superuser=True)
    session = make_session(capacity=2)
    for member in MemberFactory.create_batch(2):
        services.register(member=member, session=session)
    client.force_login(master)
    local = session.starts_at.astimezone(session.zone)
    post = {
        "title": session.title,
        "slug": session.slug,
        "kind": session.kind,
        "summary": "",
        "starts_at": local.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (local + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "time_zone": session.time_zone,
        "capacity": "1",
        "waiting_list": "on",
        "agenda": rich_text(""),
        "materials": rich_text(""),
        "action-publish": "action-publish",
    }
    response = client.post(f"/admin/pages/{session.pk}/edit/", post)
    assert response.status_code == 200
    assert "2 members already have a place" in response.content.decode()
    post["capacity"] = "2"
    response = client.post(f"/admin/pages/{session.pk}/edit/", post)
    assert response.status_code == 302
    session.refresh_from_db()
    # Entered as Amsterdam wall-clock time, stored in UTC: unchanged.
    assert session.starts_at.astimezone(session.zone).strftime("%H:%M") == local.strftime("%H:%M")


@pytest.mark.clock
def test_times_are_entered_in_the_sessions_time_zone(client):
    from wagtail.test.utils.form_data import rich_text

    master = MemberFactory(role=Role.MASTER, is_staff=True, is_superuser=True)
    session = make_session()
    client.force_login(master)
    post = {
        "title": session.title,
        "slug": session.slug,
        "kind": session.kind,
        "summary": "",
        "starts_at": "2031-07-01 10:00",
        "ends_at": "2031-07-01 11:30",
        "time_zone": "Europe/London",
        "capacity": "5",
        "agenda": rich_text(""),
        "materials": rich_text(""),
        "action-publish": "action-publish",
    }
    response = client.post(f"/admin/pages/{session.pk}/edit/", post)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == datetime.datetime(2031, 7, 1, 9, 0, tzinfo=datetime.UTC)  # 10:00 BST
    assert session.ends_at == datetime.datetime(2031, 7, 1, 10, 30, tzinfo=datetime.UTC)
    edit = client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    assert "2031-07-01 10:00" in edit


def test_time_change_and_cancellation_notify_registrants_once():
    session = make_session(capacity=1)
    first, second = MemberFactory.create_batch(2)
    services.register(member=first, session=session)
    services.register(member=second, session=session)
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


def test_check_in_is_idempotent_and_records_attendance_once():
    host = MemberFactory()
    session = make_session(hosts=[host], starts_in=datetime.timedelta(minutes=30))
    member = MemberFactory()
    registration = services.register(member=member, session=session).registration
    first = services.check_in(session=session, registration=registration.code, by=host)
    second = services.check_in(session=session, registration=str(registration.pk), by=host)
    assert first.newly and not second.newly
    registration.refresh_from_db()
    assert registration.attended and registration.checked_in_by == host
    assert PointsEntry.objects.filter(member=member, action="session_attended").count() == 1


def test_only_hosts_and_masters_check_in():
    host = MemberFactory()
    session = make_session(hosts=[host], starts_in=datetime.timedelta(minutes=30))
    registration = services.register(member=MemberFactory(), session=session).registration
    for outsider in (MemberFactory(), MemberFactory(role=Role.EDITOR), registration.member):
        with pytest.raises(services.NotAllowed):
            services.check_in(session=session, registration=registration.code, by=outsider)
    master = MemberFactory(role=Role.MASTER)
    assert services.check_in(session=session, registration=registration.code, by=master).newly


@pytest.mark.clock
def test_check_in_refuses_waitlisted_unknown_codes_and_too_early():
    host = MemberFactory()
    session = make_session(hosts=[host], capacity=1, starts_in=datetime.timedelta(minutes=30))
    services.register(member=MemberFactory(), session=session)
    waiting = services.register(member=MemberFactory(), session=session).registration
    with pytest.raises(services.WrongState):
        services.check_in(session=session, registration=waiting.code, by=host)
    with pytest.raises(services.NotFound):
        services.check_in(session=session, registration="NOPE", by=host)
    other = make_session(hosts=[host])
    registration = services.register(member=MemberFactory(), session=other).registration
    with pytest.raises(services.NotFound):  # a code from another session
        services.check_in(session=session, registration=registration.code, by=host)
    with pytest.raises(services.WrongState):  # a week early
        services.check_in(session=other, registration=registration.code, by=host)


def test_feedback_is_averaged_and_only_from_participants():
    from learning.sessions import selectors

    session = make_session(starts_in=datetime.timedelta(minutes=-30))
    members = MemberFactory.create_batch(3)
    session = move(session, starts_at=timezone.now() + datetime.timedelta(days=1))
    for member in members:
        services.register(member=member, session=session)
    session = move(session, starts_at=timezone.now() - datetime.timedelta(minutes=30))
    services.give_feedback(session=session, member=members[0], rating=5, comment="Great")
    services.give_feedback(session=session, member=members[1], rating=4)
    services.give_feedback(session=session, member=members[1], rating=2)  # replaces
    with pytest.raises(services.InvalidInput):
        services.give_feedback(session=session, member=members[2], rating=6)
    with pytest.raises(services.NotAllowed):
        services.give_feedback(session=session, member=MemberFactory(), rating=3)
    summary = selectors.feedback_summary(session=session)
    assert summary["average"] == 3.5 and summary["count"] == 2
    assert [f.comment for f in summary["comments"]] == ["Great"]


def test_feedback_before_the_start_is_refused():
    session = make_session()
    member = MemberFactory()
    services.register(member=member, session=session)
    with pytest.raises(services.WrongState):
        services.give_feedback(session=session, member=member, rating=4)


@pytest.mark.clock
def test_reminders_are_sent_once_in_the_members_language_even_when_the_task_runs_twice():
    from learning.tasks import send_session_reminders

    session = make_session(title="Kennissessie storytelling", starts_in=datetime.timedelta(hours=20))
    dutch = MemberFactory(language="nl")
    english = MemberFactory(language="en")
    services.register(member=dutch, session=session)
    services.register(member=english, session=session)
    mail.outbox.clear()
    assert send_session_reminders() == 2
    assert send_session_reminders() == 0
    assert len(mail.outbox) == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient[english.email].subject.startswith("Tomorrow")
    assert by_recipient[dutch.email].subject.startswith("Morgen")
    assert by_recipient[dutch.email].attachments[0][0] == "session.ics"
    # One hour before: the second reminder, also once.
    soon = session.starts_at - datetime.timedelta(minutes=50)
    assert services.send_reminders(now=soon) == 2
    assert services.send_reminders(now=soon) == 0
    assert len(mail.outbox) == 4


@pytest.mark.clock
def test_no_reminders_for_waitlisted_or_cancelled_sessions():
    session = make_session(capacity=1, starts_in=datetime.timedelta(hours=5))
    services.register(member=MemberFactory(), session=session)
    services.register(member=MemberFactory(), session=session)
    move(session, cancelled=True)
    assert services.send_reminders() == 0


def test_a_failed_reminder_is_tried_again(monkeypatch):
    session = make_session(starts_in=datetime.timedelta(hours=5))
    registration = services.register(member=MemberFactory(), session=session).registration

    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        services.send_reminders()
    registration.refresh_from_db()
    assert registration.reminded_24h_at is None
    monkeypatch.undo()
    assert services.send_reminders() == 1


@pytest.mark.clock
def test_meetup_action_items_are_evaluated_at_the_next_meetup():
    host = MemberFactory()
    owner = MemberFactory()
    first = make_session("Meetup 1", kind=SessionKind.MEETUP, hosts=[host], starts_in=datetime.timedelta(days=-30))
    second = make_session("Meetup 2", kind=SessionKind.MEETUP, hosts=[host], starts_in=datetime.timedelta(days=1))
    a = services.add_action_item(meetup=first, by=host, owner=owner, what="Share the trade fair photo")
    b = services.add_action_item(meetup=first, by=host, owner=owner, what="Write a blog")
    from learning.sessions import selectors

    assert {i.pk for i in selectors.open_action_items(member=owner)} == {a.pk, b.pk}
    previous, items = selectors.items_to_evaluate(meetup=second)
    assert previous.pk == first.pk and {i.pk for i in items} == {a.pk, b.pk}
    services.evaluate_action_item(item=a, at_meetup=second, by=host, outcome="done")
    services.evaluate_action_item(item=b, at_meetup=second, by=host, outcome="carried_over")
    with pytest.raises(services.WrongState):
        services.evaluate_action_item(item=a, at_meetup=second, by=host, outcome="not_done")
    open_items = selectors.open_action_items(member=owner)
    assert [i.what for i in open_items] == ["Write a blog"]
    assert open_items[0].meetup_id == second.pk and open_items[0].carried_from_id == b.pk
    with pytest.raises(services.NotAllowed):
        services.add_action_item(meetup=second, by=owner, owner=owner, what="x")
    with pytest.raises(services.WrongState):
        services.add_action_item(meetup=make_session(hosts=[host]), by=host, owner=owner, what="x")


def test_report_selectors_count_attendance_per_department_and_checklist_percent():
    from learning.models import LinkedInChecklistItem
    from learning.sessions import selectors

    sales, it = DepartmentFactory(name="Sales"), DepartmentFactory(name="IT")
    host = MemberFactory()
    session = make_session(hosts=[host], starts_in=datetime.timedelta(minutes=10))
    seller, coder, absent = MemberFactory(department=sales), MemberFactory(department=it), MemberFactory(department=it)
    for member in (seller, coder, absent):
        registration = services.register(member=member, session=session).registration
        if member is not absent:
            services.check_in(session=session, registration=registration, by=host)
    assert selectors.attendance_by_department() == {sales.pk: 1, it.pk: 1}
    items = list(LinkedInChecklistItem.objects.filter(locale__language_code="en").order_by("sort_order"))
    for item in items[:3]:
        services.tick_linkedin_item(member=seller, item=item, done=True)
    assert selectors.linkedin_percent_by_member() == {seller.pk: 30}
    assert selectors.linkedin_percent_by_member(member_ids=[coder.pk]) == {}
