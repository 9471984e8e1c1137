"""Meetup action items, evaluated at the next meetup, and collected stories."""

import datetime

import pytest

from core.errors import Conflict, InvalidInput, NotAllowed
from events import selectors
from events.models import CollectedStory
from events.services.meetups import add_action_item, add_collected_story, evaluate_action_item
from tests.events.factories import MeetupFactory, SessionFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_meetup_action_items_are_evaluated_at_the_next_meetup():
    host = MemberFactory()
    owner = MemberFactory()
    first = MeetupFactory(title="Meetup 1", hosts=[host], starts_in=datetime.timedelta(days=-30))
    second = MeetupFactory(title="Meetup 2", hosts=[host], starts_in=datetime.timedelta(days=1))
    a = add_action_item(meetup=first, by=host, owner=owner, what="Share the trade fair photo")
    b = add_action_item(meetup=first, by=host, owner=owner, what="Write a blog")
    assert {i.pk for i in selectors.open_action_items(member=owner)} == {a.pk, b.pk}
    previous, items = selectors.items_to_evaluate(meetup=second)
    assert previous.pk == first.pk and {i.pk for i in items} == {a.pk, b.pk}
    evaluate_action_item(item=a, at_meetup=second, by=host, outcome="done")
    evaluate_action_item(item=b, at_meetup=second, by=host, outcome="carried_over")
    with pytest.raises(Conflict):
        evaluate_action_item(item=a, at_meetup=second, by=host, outcome="not_done")
    open_items = selectors.open_action_items(member=owner)
    assert [i.what for i in open_items] == ["Write a blog"]
    assert open_items[0].meetup_id == second.pk and open_items[0].carried_from_id == b.pk
    with pytest.raises(NotAllowed):
        add_action_item(meetup=second, by=owner, owner=owner, what="x")
    with pytest.raises(Conflict):
        add_action_item(meetup=SessionFactory(hosts=[host]), by=host, owner=owner, what="x")
    with pytest.raises(InvalidInput):
        evaluate_action_item(item=b, at_meetup=second, by=host, outcome="maybe")


def test_hosts_note_stories_at_meetups_only():
    host = MemberFactory()
    meetup = MeetupFactory(hosts=[host])
    creator = MemberFactory()
    story = add_collected_story(meetup=meetup, by=host, member=creator, summary="  Operations won a prize.  ")
    assert CollectedStory.objects.get().summary == "Operations won a prize." == story.summary
    with pytest.raises(InvalidInput):
        add_collected_story(meetup=meetup, by=host, summary=" ")
    with pytest.raises(NotAllowed):
        add_collected_story(meetup=meetup, by=creator, summary="Mine")
    with pytest.raises(Conflict):
        add_collected_story(meetup=SessionFactory(hosts=[host]), by=host, summary="Not a meetup")
