"""Session pages (events/views.py and the Wagtail pages' context): listing with filters and
"my sessions", the session page for members, hosts and Masters, check-in pages, QR codes,
the LinkedIn page, meetups, and who may open what."""

import datetime

import pytest
from django.utils import timezone

from events.models import ActionItem, LinkedInChecklistItem, Registration, SessionKind
from events.services.check_in import check_in
from events.services.feedback import give_feedback
from events.services.registration import register
from people.models import Role
from tests.events.factories import MeetupFactory, SessionFactory, move, session_index
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_listing_filters_and_my_sessions(logged_in, member, django_assert_max_num_queries):
    sales = DepartmentFactory(name="Sales")
    mine = SessionFactory(title="Alpha session", starts_in=datetime.timedelta(days=2))
    MeetupFactory(title="Bravo gathering", starts_in=datetime.timedelta(days=3))
    SessionFactory(title="Charlie sales", departments=[sales], starts_in=datetime.timedelta(days=4))
    register(member=member, session=mine)
    url = session_index().url
    # 22: the menu asks whether the member moderates a community space, and the first request
    # of a test reads the current guidelines' id before the shared cache holds it.
    with django_assert_max_num_queries(22):
        page = logged_in.get(url).content.decode()
    assert "Alpha session" in page and "Bravo gathering" in page and "Charlie sales" in page
    assert "You have a place" in page
    page = logged_in.get(url + "?kind=meetup").content.decode()
    assert "Bravo gathering" in page and "Alpha session" not in page
    other_department = DepartmentFactory(name="IT")
    page = logged_in.get(url + f"?department={other_department.pk}").content.decode()
    assert "Charlie sales" not in page and "Alpha session" in page
    page = logged_in.get(url + "?mine=1").content.decode()
    assert "Alpha session" in page and "Bravo gathering" not in page
    month = (timezone.localdate() + datetime.timedelta(days=2)).strftime("%Y-%m")
    assert logged_in.get(url + f"?month={month}&kind=nonsense&department=x").status_code == 200


def test_listing_query_count_does_not_grow(logged_in, django_assert_max_num_queries):
    for i in range(2):
        SessionFactory(title=f"S{i}", hosts=[MemberFactory()])
    url = session_index().url
    # 22: see test_listing_filters_and_my_sessions (community moderator, guidelines id).
    with django_assert_max_num_queries(22) as small:
        logged_in.get(url)
    for i in range(2, 12):
        session = SessionFactory(title=f"S{i}", hosts=[MemberFactory()])
        register(member=MemberFactory(), session=session)
    with django_assert_max_num_queries(len(small.captured_queries)):
        logged_in.get(url)


def test_session_page_register_via_the_form_and_cancel(logged_in, member):
    session = SessionFactory(title="Workshop", online_url="https://meet.example.com/w", capacity=1)
    page = logged_in.get(session.url).content.decode()
    assert "meet.example.com" not in page
    assert 'data-testid="register"' in page
    response = logged_in.post(f"/session/{session.pk}/register/", follow=True)
    page = response.content.decode()
    assert "You have a place" in page and "meet.example.com/w" in page
    registration = Registration.objects.get(member=member)
    assert registration.code in page
    logged_in.post(f"/session/{session.pk}/cancel/")
    assert Registration.objects.get(member=member).status == "cancelled"


def test_session_page_needs_login(client):
    session = SessionFactory()
    response = client.get(session.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_full_session_without_waiting_list_says_so(logged_in):
    session = SessionFactory(capacity=1, waiting_list=False)
    register(member=MemberFactory(), session=session)
    page = logged_in.get(session.url).content.decode()
    assert "This session is full." in page
    response = logged_in.post(f"/session/{session.pk}/register/", follow=True)
    assert "full and has no waiting list" in response.content.decode()


def test_host_tools_only_for_hosts_and_masters(client_for):
    host = MemberFactory()
    session = SessionFactory(hosts=[host], starts_in=datetime.timedelta(minutes=30))
    registration = register(member=MemberFactory(), session=session).registration
    outsiders = [
        registration.member,
        MemberFactory(),
        MemberFactory(role=Role.EDITOR),
        MemberFactory(role=Role.CREATOR),
        MemberFactory(role=Role.ACTIVATOR),
        MemberFactory(is_hr=True),
    ]
    for outsider in outsiders:
        client = client_for(outsider)
        assert client.get(f"/session/{session.pk}/check-in/").status_code == 403
        assert client.get(f"/session/{session.pk}/check-in/scan/").status_code == 403
        assert client.post(f"/session/{session.pk}/check-in/record/", {"code": registration.code}).status_code == 403
        assert client.post(f"/session/{session.pk}/action-items/", {"what": "x"}).status_code == 403
        if not outsider.is_activator:  # an Activator sees their department's overview (below)
            assert client.get("/session/attendance/").status_code == 403
        assert 'data-testid="host-tools"' not in client.get(session.url).content.decode()
    assert not Registration.objects.get(pk=registration.pk).attended
    for allowed in (host, MemberFactory(role=Role.MASTER)):
        client = client_for(allowed)
        assert client.get(f"/session/{session.pk}/check-in/").status_code == 200
        assert client.get(f"/session/{session.pk}/check-in/scan/").status_code == 200
        assert 'data-testid="host-tools"' in client.get(session.url).content.decode()


def test_check_in_list_search_and_record(django_assert_max_num_queries, client_for):
    host = MemberFactory()
    session = SessionFactory(hosts=[host], starts_in=datetime.timedelta(minutes=30))
    sanne = MemberFactory(display_name="Sanne de Vries")
    for member in [sanne, *MemberFactory.create_batch(5)]:
        register(member=member, session=session)
    client = client_for(host)
    with django_assert_max_num_queries(15):
        page = client.get(f"/session/{session.pk}/check-in/?q=sanne").content.decode()
    assert "Sanne de Vries" in page and "Member" not in page.split("<tbody>")[1]
    registration = Registration.objects.get(member=sanne)
    response = client.post(f"/session/{session.pk}/check-in/record/", {"registration": registration.pk}, follow=True)
    assert "Sanne de Vries is checked in." in response.content.decode()
    response = client.post(f"/session/{session.pk}/check-in/record/", {"code": registration.code.lower()}, follow=True)
    assert "was already checked in" in response.content.decode()


def test_qr_code_for_the_member_and_hosts_only(client_for):
    host = MemberFactory()
    session = SessionFactory(hosts=[host])
    registration = register(member=MemberFactory(), session=session).registration
    url = f"/session/qr/{registration.code}.svg"
    response = client_for(registration.member).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    assert client_for(host).get(url).status_code == 200
    assert client_for(MemberFactory()).get(url).status_code == 404


@pytest.mark.clock
def test_no_shows_and_feedback_average_for_the_master(client_for, master):
    session = SessionFactory(title="Past session", hosts=[master], starts_in=datetime.timedelta(minutes=30))
    came, missed = MemberFactory.create_batch(2)
    for member in (came, missed):
        register(member=member, session=session)
    check_in(session=session, registration=Registration.objects.get(member=came), by=master)
    session = move(
        session,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    give_feedback(session=session, member=came, rating=4, comment="Leerzaam")
    give_feedback(session=session, member=missed, rating=2)
    client = client_for(master)
    page = client.get(session.url).content.decode()
    assert missed.name in page.split('data-testid="no-shows"')[1]
    assert "3.0 / 5 from 2 members" in page
    overview = client.get("/session/attendance/").content.decode()
    assert "Past session" in overview and "3.0 / 5 (2)" in overview


def test_an_activator_sees_the_attendance_of_their_own_departments_sessions(client_for, django_assert_max_num_queries):
    sales, it = DepartmentFactory(name="Sales"), DepartmentFactory(name="IT")

    def past_session(title, departments):
        session = SessionFactory(title=title, departments=departments, starts_in=datetime.timedelta(minutes=30))
        move(
            session,
            starts_at=timezone.now() - datetime.timedelta(hours=2),
            ends_at=timezone.now() - datetime.timedelta(hours=1),
        )

    for title, departments in (("Sales session", [sales]), ("IT session", [it]), ("Everyone session", [])):
        past_session(title, departments)
    client = client_for(MemberFactory(role=Role.ACTIVATOR, department=sales))
    # 13: the menu's community moderator check and the current guidelines' id come with the page.
    with django_assert_max_num_queries(13):
        overview = client.get("/session/attendance/").content.decode()
    past_session("Second sales session", [sales])
    with django_assert_max_num_queries(13):  # not one more per session
        assert "Second sales session" in client.get("/session/attendance/").content.decode()
    assert "Sales session" in overview and "IT session" not in overview and "Everyone session" not in overview
    assert "/check-in/" not in overview  # the roster stays with the hosts
    assert client_for(MemberFactory(role=Role.CREATOR, department=sales)).get("/session/attendance/").status_code == 403


def test_workshop_page_shows_the_checklist_to_attendees(logged_in, member):
    session = SessionFactory(title="LinkedIn", kind=SessionKind.LINKEDIN_WORKSHOP)
    assert 'data-testid="workshop-checklist"' not in logged_in.get(session.url).content.decode()
    register(member=member, session=session)
    page = logged_in.get(session.url).content.decode()
    assert 'data-testid="workshop-checklist"' in page and "0% in order" in page


def test_linkedin_page_ticks(logged_in, member):
    item = LinkedInChecklistItem.objects.filter(locale__language_code="en").order_by("sort_order").first()
    page = logged_in.get("/linkedin/").content.decode()
    assert "Professional profile photo" in page and "Next" in page
    logged_in.post("/linkedin/", {"item": item.pk, "done": "1"})
    assert "10% in order" in logged_in.get("/linkedin/").content.decode()
    response = logged_in.post("/linkedin/", {"item": item.pk, "done": "1", "profile_url": "not a url"}, follow=True)
    assert "full address" in response.content.decode()


def test_meetup_page_evaluates_the_previous_meetups_items(client_for):
    host = MemberFactory()
    owner = MemberFactory(display_name="Bram Bakker")
    previous = MeetupFactory(title="Meetup 1", hosts=[host], starts_in=datetime.timedelta(days=-30))
    current = MeetupFactory(title="Meetup 2", hosts=[host], starts_in=datetime.timedelta(days=1))
    client = client_for(host)
    client.post(
        f"/session/{previous.pk}/action-items/", {"owner": owner.pk, "what": "Share a photo", "due_on": "2030-01-31"}
    )
    item = ActionItem.objects.get()
    assert item.due_on == datetime.date(2030, 1, 31)
    page = client.get(current.url).content.decode()
    assert "Share a photo" in page.split('data-testid="earlier-items"')[1]
    dashboard = client_for(owner).get("/learn/").content.decode()
    assert "Share a photo" in dashboard
    client.post(f"/session/{current.pk}/action-items/{item.pk}/evaluate/", {"outcome": "done"})
    assert ActionItem.objects.get(pk=item.pk).status == "done"
    assert "Share a photo" not in client_for(owner).get("/learn/").content.decode()
    # An item of another meetup cannot be evaluated from here.
    other = MeetupFactory(title="Meetup 0", hosts=[host], starts_in=datetime.timedelta(days=-60))
    stray = ActionItem.objects.create(meetup=other, owner=owner, what="Old")
    assert (
        client.post(f"/session/{current.pk}/action-items/{stray.pk}/evaluate/", {"outcome": "done"}).status_code == 404
    )
    response = client.post(
        f"/session/{current.pk}/action-items/", {"owner": owner.pk, "what": "x", "due_on": "soon"}, follow=True
    )
    assert "due date" in response.content.decode()


@pytest.mark.clock
def test_session_page_query_count_and_materials_after_the_session(logged_in, member, django_assert_max_num_queries):
    session = SessionFactory(title="Talk", materials="<p>Slides: example.com/slides</p>", hosts=[MemberFactory()])
    for other in MemberFactory.create_batch(5):
        register(member=other, session=session)
    register(member=member, session=session)
    # 26: the menu's community moderator check came with the community app.
    with django_assert_max_num_queries(26):
        page = logged_in.get(session.url).content.decode()
    assert 'data-testid="materials"' not in page
    move(
        session,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    page = logged_in.get(session.url).content.decode()
    assert "example.com/slides" in page and 'data-testid="feedback"' in page
