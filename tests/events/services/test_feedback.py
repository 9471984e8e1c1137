"""Feedback: 1–5 from members who had a place, once the session started; again replaces."""

import datetime

import pytest
from django.utils import timezone

from core.errors import Conflict, InvalidInput, NotAllowed
from events import selectors
from events.services.feedback import give_feedback
from events.services.registration import register
from tests.events.factories import SessionFactory, move
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_feedback_is_averaged_and_only_from_participants():
    session = SessionFactory(starts_in=datetime.timedelta(days=1))
    members = MemberFactory.create_batch(3)
    for member in members:
        register(member=member, session=session)
    session = move(session, starts_at=timezone.now() - datetime.timedelta(minutes=30))
    give_feedback(session=session, member=members[0], rating=5, comment="Great")
    give_feedback(session=session, member=members[1], rating=4)
    give_feedback(session=session, member=members[1], rating=2)  # replaces
    with pytest.raises(InvalidInput):
        give_feedback(session=session, member=members[2], rating=6)
    with pytest.raises(InvalidInput):
        give_feedback(session=session, member=members[2], rating=3, comment="x" * 2001)
    with pytest.raises(NotAllowed):
        give_feedback(session=session, member=MemberFactory(), rating=3)
    summary = selectors.feedback_summary(session=session)
    assert summary["average"] == 3.5 and summary["count"] == 2
    assert [f.comment for f in summary["comments"]] == ["Great"]


def test_feedback_before_the_start_is_refused():
    session = SessionFactory()
    member = MemberFactory()
    register(member=member, session=session)
    with pytest.raises(Conflict):
        give_feedback(session=session, member=member, rating=4)
