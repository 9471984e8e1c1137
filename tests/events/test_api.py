"""The sessions API (events/api.py): contract, refusals as {"detail"} with the right status, permissions
for every endpoint, and constant query counts."""

import datetime

import pytest
from django.utils import timezone

from events.models import LinkedInChecklistItem, SessionKind
from events.services.registration import register
from people.models import Role
from tests.events.factories import SessionFactory, move
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_list_filters_by_kind_and_dates(api):
    SessionFactory(title="A", kind=SessionKind.KENNISSESSIE, starts_in=datetime.timedelta(days=3))
    SessionFactory(title="B", kind=SessionKind.MEETUP, starts_in=datetime.timedelta(days=40))
    SessionFactory(title="Draft", publish=False)
    response = api.get("/api/v1/sessions/")
    assert response.status_code == 200
    assert [s["title"] for s in response.json()["results"]] == ["A", "B"]
    assert [s["title"] for s in api.get("/api/v1/sessions/?kind=meetup").json()["results"]] == ["B"]
    until = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert [s["title"] for s in api.get(f"/api/v1/sessions/?to={until}").json()["results"]] == ["A"]
    after = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert [s["title"] for s in api.get(f"/api/v1/sessions/?from={after}").json()["results"]] == ["B"]


@pytest.mark.parametrize("query", ["kind=party", "from=yesterday", "to=2026-13-01"])
def test_list_rejects_bad_filters_with_a_message(api, query):
    response = api.get(f"/api/v1/sessions/?{query}")
    assert response.status_code == 400
    assert isinstance(response.json()["detail"], str)


def test_detail_hides_the_online_link_until_you_have_a_place(api, member, api_for):
    session = SessionFactory(online_url="https://meet.example.com/abc", capacity=1)
    data = api.get(f"/api/v1/sessions/{session.pk}/").json()
    assert data["online_url"] is None and data["my_status"] is None
    assert data["time_zone"] == "Europe/Amsterdam"
    assert data["starts_at"].endswith("Z")
    assert data["local_start"].endswith(("+01:00", "+02:00"))
    api.post(f"/api/v1/sessions/{session.pk}/registration/")
    data = api.get(f"/api/v1/sessions/{session.pk}/").json()
    assert data["online_url"] == "https://meet.example.com/abc"
    assert data["my_status"] == "registered" and data["places_left"] == 0
    # On the waiting list: still no link.
    other = api_for(MemberFactory())
    assert other.post(f"/api/v1/sessions/{session.pk}/registration/").json()["status"] == "waitlisted"
    assert other.get(f"/api/v1/sessions/{session.pk}/").json()["online_url"] is None


def test_register_and_cancel_contract(api, member, api_for):
    session = SessionFactory(capacity=1)
    response = api.post(f"/api/v1/sessions/{session.pk}/registration/")
    assert response.status_code == 201
    assert response.json()["status"] == "registered"
    assert api.post(f"/api/v1/sessions/{session.pk}/registration/").status_code == 200
    second = api_for(MemberFactory())
    response = second.post(f"/api/v1/sessions/{session.pk}/registration/")
    assert response.json() == {"status": "waitlisted", "position_on_waiting_list": 1}
    response = api.delete(f"/api/v1/sessions/{session.pk}/registration/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert second.get(f"/api/v1/sessions/{session.pk}/").json()["my_status"] == "registered"
    response = api.delete(f"/api/v1/sessions/{session.pk}/registration/")
    assert response.status_code == 404 and "not registered" in response.json()["detail"]


@pytest.mark.clock
def test_full_without_waiting_list_and_deadline_passed_are_409(api, api_for):
    full = SessionFactory(capacity=1, waiting_list=False)
    api_for(MemberFactory()).post(f"/api/v1/sessions/{full.pk}/registration/")
    response = api.post(f"/api/v1/sessions/{full.pk}/registration/")
    assert response.status_code == 409
    assert response.json() == {"detail": "This session is full and has no waiting list.", "code": "session_full"}
    closed = SessionFactory(registration_deadline=timezone.now() + datetime.timedelta(days=1))
    closed = move(closed, registration_deadline=timezone.now() - datetime.timedelta(minutes=1))
    response = api.post(f"/api/v1/sessions/{closed.pk}/registration/")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Registration for this session closed on")
    assert response.json()["code"] == "registration_closed"


def test_unpublished_or_unknown_sessions_are_404(api):
    draft = SessionFactory(publish=False)
    for path in (f"/api/v1/sessions/{draft.pk}/", "/api/v1/sessions/999999/", "/api/v1/sessions/abc/"):
        assert api.get(path).status_code == 404
    assert api.post(f"/api/v1/sessions/{draft.pk}/registration/").status_code == 404


def test_anonymous_gets_401(anon_api):
    session = SessionFactory()
    assert anon_api.get("/api/v1/sessions/").status_code == 401
    assert anon_api.post(f"/api/v1/sessions/{session.pk}/registration/").status_code == 401
    assert anon_api.get("/api/v1/me/linkedin-checklist/").status_code == 401


def test_check_in_by_hosts_and_masters_only(api_for):
    host = MemberFactory()
    session = SessionFactory(hosts=[host], starts_in=datetime.timedelta(minutes=20))
    member = MemberFactory()
    registration = register(member=member, session=session).registration
    url = f"/api/v1/sessions/{session.pk}/check-in/"
    for outsider in (
        member,
        MemberFactory(),
        MemberFactory(role=Role.EDITOR),
        MemberFactory(role=Role.ACTIVATOR),
        MemberFactory(is_hr=True),
    ):
        response = api_for(outsider).post(url, {"registration": registration.code}, format="json")
        assert response.status_code == 403, outsider
        assert api_for(outsider).get(f"/api/v1/sessions/{session.pk}/registrations/").status_code == 403
    response = api_for(host).post(url, {"registration": registration.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["already_checked_in"] is False
    response = api_for(MemberFactory(role=Role.MASTER)).post(url, {"registration": registration.code}, format="json")
    assert response.json()["already_checked_in"] is True
    assert api_for(host).post(url, {}, format="json").status_code == 400
    roster = api_for(host).get(f"/api/v1/sessions/{session.pk}/registrations/?q={member.display_name}").json()
    assert [r["id"] for r in roster] == [registration.pk]


def test_feedback_endpoint(api, member):
    session = SessionFactory()
    api.post(f"/api/v1/sessions/{session.pk}/registration/")
    response = api.post(f"/api/v1/sessions/{session.pk}/feedback/", {"rating": 5}, format="json")
    assert response.status_code == 409
    move(session, starts_at=timezone.now() - datetime.timedelta(minutes=5))
    assert api.post(f"/api/v1/sessions/{session.pk}/feedback/", {"rating": "x"}, format="json").status_code == 400
    response = api.post(f"/api/v1/sessions/{session.pk}/feedback/", {"rating": 4, "comment": "Nice"}, format="json")
    assert response.json() == {"rating": 4, "comment": "Nice"}


def test_linkedin_checklist_ticks_percent_next_and_completion_once(api, member):
    from gamification.models import PointsEntry

    data = api.get("/api/v1/me/linkedin-checklist/").json()
    assert data["total"] == 10 and data["percent"] == 0 and data["completed"] is False
    assert data["next"]["title"] == "Professional profile photo"
    items = data["items"]
    response = api.put(f"/api/v1/me/linkedin-checklist/{items[0]['id']}/", {"done": True}, format="json")
    assert response.json()["percent"] == 10
    assert response.json()["next"]["title"] == "Background banner"
    for item in items[1:]:
        api.put(f"/api/v1/me/linkedin-checklist/{item['id']}/", {"done": True}, format="json")
    data = api.get("/api/v1/me/linkedin-checklist/").json()
    assert data["percent"] == 100 and data["completed"] is True and data["next"] is None
    # Unticking and ticking again awards nothing more.
    api.put(f"/api/v1/me/linkedin-checklist/{items[0]['id']}/", {"done": False}, format="json")
    api.put(f"/api/v1/me/linkedin-checklist/{items[0]['id']}/", {"done": True}, format="json")
    assert PointsEntry.objects.filter(member=member, action="linkedin_profile_completed").count() == 1


def test_linkedin_ticks_count_in_either_language(api, member):
    nl_item = LinkedInChecklistItem.objects.filter(locale__language_code="nl").order_by("sort_order").first()
    api.put(f"/api/v1/me/linkedin-checklist/{nl_item.pk}/", {"done": True}, format="json")
    data = api.get("/api/v1/me/linkedin-checklist/").json()  # member reads English
    assert data["items"][0]["done"] is True and data["items"][0]["title"] == "Professional profile photo"


def test_linkedin_checklist_bad_input(api):
    item = LinkedInChecklistItem.objects.first()
    url = f"/api/v1/me/linkedin-checklist/{item.pk}/"
    assert api.put(url, {"done": "yes"}, format="json").status_code == 400
    response = api.put(url, {"done": True, "profile_url": "https://example.com/me"}, format="json")
    assert response.status_code == 400 and "LinkedIn" in response.json()["detail"]
    response = api.put(url, {"done": True, "profile_url": "https://www.linkedin.com/in/sanne"}, format="json")
    assert response.json()["profile_url"] == "https://www.linkedin.com/in/sanne"
    assert api.put("/api/v1/me/linkedin-checklist/999999/", {"done": True}, format="json").status_code == 404


def test_query_counts_are_constant(api, django_assert_max_num_queries):
    for i in range(3):
        session = SessionFactory(title=f"S{i}", hosts=[MemberFactory()])
        for member in MemberFactory.create_batch(3):
            register(member=member, session=session)
    with django_assert_max_num_queries(8):
        assert len(api.get("/api/v1/sessions/").json()["results"]) == 3
    for i in range(3, 10):
        SessionFactory(title=f"S{i}")
    with django_assert_max_num_queries(8):
        assert len(api.get("/api/v1/sessions/").json()["results"]) == 10
    with django_assert_max_num_queries(8):
        api.get(f"/api/v1/sessions/{session.pk}/")
    with django_assert_max_num_queries(10):
        api.get("/api/v1/me/linkedin-checklist/")
