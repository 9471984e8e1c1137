"""A weak C of the 6 C's self-scan put on an upcoming meetup as action items
(``cms.services.six_cs_actions.plan_meetup_actions``) and the report's form for it."""

import datetime

import pytest

from cms.services.six_cs_actions import plan_meetup_actions
from core.errors import InvalidInput, NotAllowed
from events.models import ActionItem
from people.models import Notification, Role
from strategy.models import SUGGESTED_ACTIONS, SixC
from tests.events.factories import MeetupFactory, SessionFactory
from tests.factories import DepartmentFactory, MemberFactory
from tests.strategy.factories import SixCResponseFactory

pytestmark = pytest.mark.django_db


def test_every_c_has_concrete_suggested_actions():
    assert set(SUGGESTED_ACTIONS) == set(SixC)
    assert all(len(actions) >= 2 for actions in SUGGESTED_ACTIONS.values())


def test_a_master_puts_a_cs_actions_on_a_meetup_once_and_its_hosts_hear_of_it():
    hosts = [MemberFactory(language="nl"), MemberFactory(language="en")]
    meetup = MeetupFactory(hosts=hosts)
    master = MemberFactory(role=Role.MASTER)
    added = plan_meetup_actions(by=master, meetup=meetup, c="conversations")
    assert added == len(SUGGESTED_ACTIONS[SixC.CONVERSATIONS])
    # Twice: nothing new, no second notification.
    assert plan_meetup_actions(by=master, meetup=meetup, c="conversations") == 0
    items = list(ActionItem.objects.filter(meetup=meetup))
    assert len(items) == added
    # Written in the meetup's language (Dutch), owned by the first host, open.
    assert "Reageer deze week op drie berichten van collega's" in [item.what for item in items]
    assert {item.owner_id for item in items} == {min(h.pk for h in hosts)}
    assert {item.status for item in items} == {ActionItem.Status.OPEN}
    notes = Notification.objects.filter(kind="six_cs_meetup")
    assert sorted(n.member_id for n in notes) == sorted(h.pk for h in hosts)
    dutch = notes.get(member=hosts[0])
    assert "Conversaties" in dutch.title and meetup.title in dutch.title
    assert "Conversations" in notes.get(member=hosts[1]).title
    # Another C adds its own actions to the same meetup.
    assert plan_meetup_actions(by=master, meetup=meetup, c="content") == len(SUGGESTED_ACTIONS[SixC.CONTENT])


def test_a_meetup_without_hosts_gets_the_master_as_owner():
    meetup = MeetupFactory()
    master = MemberFactory(role=Role.MASTER)
    plan_meetup_actions(by=master, meetup=meetup, c="continuous")
    assert set(ActionItem.objects.filter(meetup=meetup).values_list("owner_id", flat=True)) == {master.pk}


def test_a_past_or_cancelled_meetup_or_another_session_is_refused_with_a_clear_error():
    master = MemberFactory(role=Role.MASTER)
    past = MeetupFactory(starts_in=-datetime.timedelta(days=1))
    with pytest.raises(InvalidInput) as refused:
        plan_meetup_actions(by=master, meetup=past, c="content")
    assert refused.value.code == "meetup_past" and "upcoming meetup" in str(refused.value.message)
    cancelled = MeetupFactory(cancelled=True)
    with pytest.raises(InvalidInput) as refused:
        plan_meetup_actions(by=master, meetup=cancelled, c="content")
    assert refused.value.code == "meetup_past"
    with pytest.raises(InvalidInput) as refused:
        plan_meetup_actions(by=master, meetup=MeetupFactory(publish=False), c="content")
    assert refused.value.code == "meetup_not_live"
    with pytest.raises(InvalidInput) as refused:
        plan_meetup_actions(by=master, meetup=SessionFactory(), c="content")
    assert refused.value.code == "not_a_meetup"
    with pytest.raises(InvalidInput) as refused:
        plan_meetup_actions(by=master, meetup=MeetupFactory(), c="charisma")
    assert refused.value.code == "invalid_c"
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize("fields", [{"role": Role.ACTIVATOR}, {"role": Role.EDITOR}, {"is_hr": True}, {}])
def test_only_a_master_may(fields):
    meetup = MeetupFactory(hosts=[MemberFactory()])
    with pytest.raises(NotAllowed):
        plan_meetup_actions(by=MemberFactory(**fields), meetup=meetup, c="content")
    assert not ActionItem.objects.exists()


def _answered(department, n=5):
    for _ in range(n):
        SixCResponseFactory(member=MemberFactory(department=department))


def test_the_report_offers_it_to_masters_only_in_dutch(client_for):
    _answered(DepartmentFactory())
    meetup = MeetupFactory(title="Meetup maart")
    MeetupFactory(title="Oude meetup", starts_in=-datetime.timedelta(days=2))
    master = MemberFactory(role=Role.MASTER, language="nl")
    page = client_for(master).get("/six-cs/report/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'data-testid="meetup-actions"' in page
    assert "Meetup maart" in page and "Oude meetup" not in page
    assert "Zet deze acties op de meetup" in page
    assert 'data-testid="six-cs-suggested-actions"' in page
    hr_page = client_for(MemberFactory(is_hr=True)).get("/six-cs/report/").content.decode()
    assert 'data-testid="meetup-actions"' not in hr_page
    assert meetup.title not in hr_page


def test_the_report_says_when_there_is_no_upcoming_meetup(client_for):
    _answered(DepartmentFactory())
    page = client_for(MemberFactory(role=Role.MASTER, language="nl")).get("/six-cs/report/").content.decode()
    assert 'data-testid="meetup-actions-empty"' in page and "Geen komende meetups" in page


@pytest.mark.parametrize("fields", [{"role": Role.ACTIVATOR}, {"is_hr": True}, {"role": Role.AMBASSADOR}])
def test_others_get_403_from_the_form(client_for, fields):
    meetup = MeetupFactory()
    response = client_for(MemberFactory(**fields)).post(
        "/six-cs/report/meetup-actions/", {"meetup": meetup.pk, "c": "content"}
    )
    assert response.status_code == 403
    assert not ActionItem.objects.exists()


def test_anonymous_is_sent_to_log_in(client):
    response = client.post("/six-cs/report/meetup-actions/", {"meetup": 1, "c": "content"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_master_posts_the_form_twice_and_gets_no_duplicates(client_for):
    meetup = MeetupFactory(hosts=[MemberFactory()])
    master = client_for(MemberFactory(role=Role.MASTER, language="nl"))
    first = master.post("/six-cs/report/meetup-actions/", {"meetup": meetup.pk, "c": "context"}, follow=True)
    assert "actiepunten toegevoegd aan" in first.content.decode()
    second = master.post("/six-cs/report/meetup-actions/", {"meetup": meetup.pk, "c": "context"}, follow=True)
    assert "staan al op" in second.content.decode()
    assert ActionItem.objects.filter(meetup=meetup).count() == len(SUGGESTED_ACTIONS[SixC.CONTEXT])
    past = MeetupFactory(starts_in=-datetime.timedelta(hours=1))
    refused = master.post("/six-cs/report/meetup-actions/", {"meetup": past.pk, "c": "context"}, follow=True)
    assert "al begonnen" in refused.content.decode()
    assert master.post("/six-cs/report/meetup-actions/", {"meetup": 999999, "c": "context"}).status_code == 404


def test_the_reports_queries_do_not_grow_with_meetups(client_for, django_assert_max_num_queries):
    _answered(DepartmentFactory())
    master = client_for(MemberFactory(role=Role.MASTER))
    MeetupFactory()
    master.get("/six-cs/report/")
    with django_assert_max_num_queries(40) as few:
        master.get("/six-cs/report/")
    for _ in range(4):
        MeetupFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert master.get("/six-cs/report/").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_masters_at_once_add_each_action_once(require_postgres):
    from tests.concurrency import run_at_once

    meetup = MeetupFactory(hosts=[MemberFactory()])
    masters = MemberFactory.create_batch(4, role=Role.MASTER)
    added = []
    errors = run_at_once(
        [lambda m=m: added.append(plan_meetup_actions(by=m, meetup=meetup, c="conversations")) for m in masters]
    )
    assert errors == []
    expected = len(SUGGESTED_ACTIONS[SixC.CONVERSATIONS])
    assert sorted(added) == [0, 0, 0, expected]
    assert ActionItem.objects.filter(meetup=meetup).count() == expected
    assert Notification.objects.filter(kind="six_cs_meetup").count() == 1
