import datetime

import pytest
from django.utils import timezone

from people.models import Role
from strategy.models import PlanItem, PlanStatus
from tests.factories import MemberFactory
from tests.strategy.factories import CalendarEntryFactory, KeyMessageFactory, PlanItemFactory

pytestmark = pytest.mark.django_db


def test_the_board_shows_the_week_in_columns(client_for):
    today = timezone.localdate()
    item = PlanItemFactory(due=today, title="Beursverhaal")
    PlanItemFactory(due=today + datetime.timedelta(days=40), title="Volgende maand")
    page = client_for(MemberFactory(role=Role.CREATOR)).get("/plan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Beursverhaal" in html and "Volgende maand" not in html
    assert f'data-item="{item.pk}"' in html
    assert 'data-testid="column-shared"' in html


def test_the_month_view_and_filters(client_for):
    today = timezone.localdate()
    message = KeyMessageFactory()
    wanted = PlanItemFactory(due=today, message=message, title="Met boodschap")
    PlanItemFactory(due=today, title="Zonder boodschap")
    client = client_for(MemberFactory(role=Role.EDITOR))
    html = client.get("/plan/", {"view": "month", "message": message.pk}).content.decode()
    assert wanted.title in html and "Zonder boodschap" not in html
    html = client.get("/plan/", {"view": "month", "owner": wanted.owner_id}).content.decode()
    assert wanted.title in html and "Zonder boodschap" not in html


def test_ambassadors_get_403(client_for):
    item = PlanItemFactory()
    client = client_for(MemberFactory(role=Role.AMBASSADOR))
    assert client.get("/plan/").status_code == 403
    assert client.post(f"/plan/{item.pk}/move/", {"status": "in_progress"}).status_code == 403


def test_the_fallback_form_moves_a_card(client_for):
    item = PlanItemFactory()
    response = client_for(item.owner).post(f"/plan/{item.pk}/move/", {"status": "in_progress", "next": "/plan/"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == PlanStatus.IN_PROGRESS


def test_a_bad_move_is_explained_not_applied(client_for):
    item = PlanItemFactory()
    response = client_for(item.owner).post(f"/plan/{item.pk}/move/", {"status": "shared"}, follow=True)
    assert "Only an approved item can be shared." in response.content.decode()
    item.refresh_from_db()
    assert item.status == PlanStatus.PLANNED


def test_someone_elses_card_has_no_move_form(client_for):
    item = PlanItemFactory(due=timezone.localdate())
    html = client_for(MemberFactory(role=Role.CREATOR)).get("/plan/").content.decode()
    assert f"/plan/{item.pk}/move/" not in html


def test_adding_from_the_board(client_for):
    creator = MemberFactory(role=Role.CREATOR)
    due = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    client = client_for(creator)
    client.post("/plan/add/", {"title": "Teamfoto", "due": due, "channel": "instagram"})
    client.post("/plan/add/", {"title": "Teamfoto", "due": due, "channel": "instagram"})
    item = PlanItem.objects.get()
    assert (item.owner, item.channel) == (creator, "instagram")


def test_planning_from_the_content_calendar(client_for):
    entry = CalendarEntryFactory()
    master = MemberFactory(role=Role.MASTER)
    response = client_for(master).post(f"/content-calendar/{entry.pk}/plan/")
    assert response.status_code == 302 and response.url.startswith("/plan/?view=month")
    assert PlanItem.objects.get().calendar_entry == entry
    calendar = client_for(master).get("/content-calendar/", {"month": entry.starts_on.strftime("%Y-%m")})
    assert f"/content-calendar/{entry.pk}/plan/" in calendar.content.decode()
    ambassador_view = client_for(MemberFactory()).get(
        "/content-calendar/", {"month": entry.starts_on.strftime("%Y-%m")}
    )
    assert f"/content-calendar/{entry.pk}/plan/" not in ambassador_view.content.decode()


def test_the_board_takes_the_same_queries_however_many_items(client_for, django_assert_max_num_queries):
    client = client_for(MemberFactory(role=Role.MASTER))
    today = timezone.localdate()
    PlanItemFactory(due=today, message=KeyMessageFactory())
    client.get("/plan/")
    with django_assert_max_num_queries(14) as first:
        client.get("/plan/")
    for _ in range(10):
        PlanItemFactory(due=today, message=KeyMessageFactory())
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/plan/")


def test_the_menu_has_the_board_for_creators_not_ambassadors(client_for):
    assert 'href="/plan/"' in client_for(MemberFactory(role=Role.CREATOR)).get("/six-cs/").content.decode()
    assert 'href="/plan/"' not in client_for(MemberFactory()).get("/six-cs/").content.decode()
