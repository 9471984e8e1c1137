"""Session pages: listing with filters and "my sessions", the session page for members,
hosts and Masters, check-in pages, QR codes, the LinkedIn page, the dashboard, the
content calendar's challenge step, and who may open what."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from learning.models import ActionItem, CalendarEntry, LinkedInChecklistItem, Registration, SessionKind
from learning.sessions import services
from people.models import Role
from tests.factories import DepartmentFactory, MemberFactory
from tests.learning.session_factories import make_session, move, session_index

pytestmark = pytest.mark.django_db


def client_for(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.clock
def test_listing_filters_and_my_sessions(logged_in, member, django_assert_max_num_queries):
    sales = DepartmentFactory(name="Sales")
    mine = make_session("Alpha session", starts_in=datetime.timedelta(days=2))
    make_session("Bravo gathering", kind=SessionKind.MEETUP, starts_in=datetime.timedelta(days=3))
    make_session("Charlie sales", departments=[sales], starts_in=datetime.timedelta(days=4))
    services.register(member=member, session=mine)
    url = session_index().url
    with django_assert_max_num_queries(20):
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
        make_session(f"S{i}", hosts=[MemberFactory()])
    url = session_index().url
    with django_assert_max_num_queries(20) as small:
        logged_in.get(url)
    for i in range(2, 12):
        session = make_session(f"S{i}", hosts=[MemberFactory()])
        services.register(member=MemberFactory(), session=session)
    with django_assert_max_num_queries(len(small.captured_queries)):
        logged_in.get(url)


def test_session_page_register_via_the_form_and_cancel(logged_in, member):
    session = make_session("Workshop", online_url="https://meet.example.com/w", capacity=1)
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
    session = make_session()
    response = Client().get(session.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_full_session_without_waiting_list_says_so(logged_in):
    session = make_session(capacity=1, waiting_list=False)
    services.register(member=MemberFactory(), session=session)
    page = logged_in.get(session.url).content.decode()
    assert "This session is full." in page
    response = logged_in.post(f"/session/{session.pk}/register/", follow=True)
    assert "full and has no waiting list" in response.content.decode()


def test_host_tools_only_for_hosts_and_masters():
    host = MemberFactory()
    session = make_session(hosts=[host], starts_in=datetime.timedelta(minutes=30))
    registration = services.register(member=MemberFactory(), session=session).registration
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
        assert client.get("/session/attendance/").status_code == 403
        assert 'data-testid="host-tools"' not in client.get(session.url).content.decode()
    assert not Registration.objects.get(pk=registration.pk).attended
    for allowed in (host, MemberFactory(role=Role.MASTER)):
        client = client_for(allowed)
        assert client.get(f"/session/{session.pk}/check-in/").status_code == 200
        assert client.get(f"/session/{session.pk}/check-in/scan/").status_code == 200
        assert 'data-testid="host-tools"' in client.get(session.url).content.decode()


def test_check_in_list_search_and_record(django_assert_max_num_queries):
    host = MemberFactory()
    session = make_session(hosts=[host], starts_in=datetime.timedelta(minutes=30))
    sanne = MemberFactory(display_name="Sanne de Vries")
    for member in [sanne, *MemberFactory.create_batch(5)]:
        services.register(member=member, session=session)
    client = client_for(host)
    with django_assert_max_num_queries(15):
        page = client.get(f"/session/{session.pk}/check-in/?q=sanne").content.decode()
    assert "Sanne de Vries" in page and "Member" not in page.split("<tbody>")[1]
    registration = Registration.objects.get(member=sanne)
    response = client.post(f"/session/{session.pk}/check-in/record/", {"registration": registration.pk}, follow=True)
    assert "Sanne de Vries is checked in." in response.content.decode()
    response = client.post(f"/session/{session.pk}/check-in/record/", {"code": registration.code.lower()}, follow=True)
    assert "was already checked in" in response.content.decode()


def test_qr_code_for_the_member_and_hosts_only():
    host = MemberFactory()
    session = make_session(hosts=[host])
    registration = services.register(member=MemberFactory(), session=session).registration
    url = f"/session/qr/{registration.code}.svg"
    response = client_for(registration.member).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    assert client_for(host).get(url).status_code == 200
    assert client_for(MemberFactory()).get(url).status_code == 404


@pytest.mark.clock
def test_no_shows_and_feedback_average_for_the_master():
    master = MemberFactory(role=Role.MASTER)
    session = make_session("Past session", hosts=[master], starts_in=datetime.timedelta(minutes=30))
    came, missed = MemberFactory.create_batch(2)
    for member in (came, missed):
        services.register(member=member, session=session)
    services.check_in(session=session, registration=Registration.objects.get(member=came), by=master)
    session = move(
        session,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    services.give_feedback(session=session, member=came, rating=4, comment="Leerzaam")
    services.give_feedback(session=session, member=missed, rating=2)
    client = client_for(master)
    page = client.get(session.url).content.decode()
    assert missed.name in page.split('data-testid="no-shows"')[1]
    assert "3.0 / 5 from 2 members" in page
    overview = client.get("/session/attendance/").content.decode()
    assert "Past session" in overview and "3.0 / 5 (2)" in overview


def test_workshop_page_shows_the_checklist_to_attendees(logged_in, member):
    session = make_session("LinkedIn", kind=SessionKind.LINKEDIN_WORKSHOP)
    assert 'data-testid="workshop-checklist"' not in logged_in.get(session.url).content.decode()
    services.register(member=member, session=session)
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


def test_meetup_page_evaluates_the_previous_meetups_items():
    host = MemberFactory()
    owner = MemberFactory(display_name="Bram Bakker")
    previous = make_session("Meetup 1", kind=SessionKind.MEETUP, hosts=[host], starts_in=datetime.timedelta(days=-30))
    current = make_session("Meetup 2", kind=SessionKind.MEETUP, hosts=[host], starts_in=datetime.timedelta(days=1))
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
    other = make_session("Meetup 0", kind=SessionKind.MEETUP, hosts=[host], starts_in=datetime.timedelta(days=-60))
    stray = ActionItem.objects.create(meetup=other, owner=owner, what="Old")
    assert (
        client.post(f"/session/{current.pk}/action-items/{stray.pk}/evaluate/", {"outcome": "done"}).status_code == 404
    )
    response = client.post(
        f"/session/{current.pk}/action-items/", {"owner": owner.pk, "what": "x", "due_on": "soon"}, follow=True
    )
    assert "due date" in response.content.decode()


def test_dashboard_lists_my_upcoming_sessions(logged_in, member):
    session = make_session("Coming up")
    services.register(member=member, session=session)
    page = logged_in.get("/learn/").content.decode()
    assert "Coming up" in page.split('data-testid="my-upcoming-sessions"')[1]


def test_master_turns_a_calendar_entry_into_a_challenge_once():
    from challenges.models import Challenge

    master = MemberFactory(role=Role.MASTER)
    day = timezone.localdate() + datetime.timedelta(days=10)
    entry = CalendarEntry.objects.create(
        title="Dag van de Verpleging", kind="awareness_day", starts_on=day, suggested_angle="Een dag uit het leven"
    )
    client = client_for(master)
    page = client.get(f"/content-calendar/?month={day:%Y-%m}").content.decode()
    assert "Turn into a challenge" in page
    response = client.post(f"/content-calendar/{entry.pk}/challenge/")
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.title == "Dag van de Verpleging" and "Een dag uit het leven" in challenge.brief
    assert challenge.closes_at.date() == day
    client.post(f"/content-calendar/{entry.pk}/challenge/")
    assert Challenge.objects.count() == 1
    entry.refresh_from_db()
    assert entry.challenge_id == challenge.pk
    assert "Challenge created" in client.get(f"/content-calendar/?month={day:%Y-%m}").content.decode()


def test_only_masters_turn_entries_into_challenges():
    entry = CalendarEntry.objects.create(
        title="Open dag", kind="company_event", starts_on=timezone.localdate() + datetime.timedelta(days=5)
    )
    for role in (Role.AMBASSADOR, Role.EDITOR, Role.ACTIVATOR, Role.CREATOR):
        client = client_for(MemberFactory(role=role))
        assert client.post(f"/content-calendar/{entry.pk}/challenge/").status_code == 403
        assert "Turn into a challenge" not in client.get("/content-calendar/").content.decode()
    past = CalendarEntry.objects.create(
        title="Gisteren", kind="holiday", starts_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    response = client_for(MemberFactory(role=Role.MASTER)).post(f"/content-calendar/{past.pk}/challenge/", follow=True)
    assert "has passed" in response.content.decode()


def test_navigation_reaches_the_session_overview(logged_in):
    assert logged_in.get("/session/").status_code == 404
    index = session_index()
    response = logged_in.get("/session/")
    assert response.status_code == 302 and response["Location"] == index.url
    assert 'href="/session/"' in logged_in.get("/learn/").content.decode()


@pytest.mark.clock
def test_session_page_query_count_and_materials_after_the_session(logged_in, member, django_assert_max_num_queries):
    session = make_session("Talk", materials="<p>Slides: example.com/slides</p>", hosts=[MemberFactory()])
    for other in MemberFactory.create_batch(5):
        services.register(member=other, session=session)
    services.register(member=member, session=session)
    with django_assert_max_num_queries(25):
        page = logged_in.get(session.url).content.decode()
    assert 'data-testid="materials"' not in page
    move(
        session,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    page = logged_in.get(session.url).content.decode()
    assert "example.com/slides" in page and 'data-testid="feedback"' in page


def test_masters_manage_the_checklist_and_calendar_in_the_admin():
    master = MemberFactory(role=Role.MASTER)
    client = client_for(master)
    assert client.get("/admin/snippets/learning/linkedinchecklistitem/").status_code == 200
    assert client.get("/admin/snippets/learning/calendarentry/add/").status_code == 200
    response = client.post(
        "/admin/snippets/learning/calendarentry/add/",
        {"title": "Beurs", "title_en": "", "kind": "trade_fair", "starts_on": "2031-05-02", "ends_on": "2031-05-01"},
    )
    assert response.status_code == 200 and "cannot be before the first" in response.content.decode()
    assert not CalendarEntry.objects.filter(title="Beurs").exists()
    ambassador = client_for(MemberFactory())
    assert ambassador.get("/admin/snippets/learning/calendarentry/").status_code in (302, 403)


def test_the_admin_links_a_session_to_its_check_in_list():
    master = MemberFactory(role=Role.MASTER)
    session = make_session()
    page = client_for(master).get(f"/admin/pages/{session.pk}/edit/").content.decode()
    assert f"/session/{session.pk}/check-in/" in page
