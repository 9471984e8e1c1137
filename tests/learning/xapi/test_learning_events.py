"""Every learning event becomes a statement in the outbox, in the event's transaction: lessons,
courses, paths, quizzes (with the score), sessions registered and attended (from ``events``,
through the ``record_learning_event`` hook); once per event; none without an LRS; none for an
erased member."""

import datetime

import pytest

from cms.services import privacy
from events.services.check_in import check_in
from events.services.registration import cancel, register
from learning import services
from learning.models import XapiStatement
from tests.events.factories import SessionFactory
from tests.factories import PASSWORD, MemberFactory, correct_answers, lessons_of, make_course, make_path, wrong_answers

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"


def told(member=None):
    """(verb, activity type) of the outbox, oldest first."""
    rows = XapiStatement.objects.order_by("created_at", "statement__timestamp")
    if member is not None:
        rows = rows.filter(member=member)
    return [
        (row.statement["verb"]["id"].removeprefix(ADL), row.statement["object"]["definition"]["type"].rsplit("/", 1)[1])
        for row in rows
    ]


def test_nothing_is_recorded_without_an_lrs(member):
    course = make_course(lessons=1)
    services.complete_lesson(member=member, lesson=lessons_of(course)[0])
    assert XapiStatement.objects.count() == 0


def test_a_course_path_and_quiz_become_statements_once(xapi_on, member):
    course = make_course(lessons=2, quiz_on=[1])
    make_path([course])
    first, quiz = lessons_of(course)
    services.complete_lesson(member=member, lesson=first)
    services.complete_lesson(member=member, lesson=first)  # again: nothing new
    failed = services.submit_quiz(member=member, lesson=quiz, answers=wrong_answers(quiz)).attempt
    services.submit_quiz(member=member, lesson=quiz, answers=correct_answers(quiz))
    verbs = told(member)
    assert sorted(verbs) == sorted(
        [
            ("completed", "lesson"),
            ("attempted", "assessment"),
            ("failed", "assessment"),
            ("attempted", "assessment"),
            ("passed", "assessment"),
            ("completed", "lesson"),
            ("completed", "course"),
            ("completed", "module"),
        ]
    )
    failure = XapiStatement.objects.get(statement__verb__id=ADL + "failed").statement
    assert failure["result"]["success"] is False
    assert failure["result"]["score"] == {
        "raw": failed.score,
        "min": 0,
        "max": failed.max_score,
        "scaled": round(failed.score / failed.max_score, 4),
    }
    assert failure["object"]["id"].endswith(f"/learn/activities/{quiz.translation_key}/#quiz")
    assert failure["context"]["contextActivities"]["parent"][0]["id"].endswith(f"/{quiz.translation_key}/")
    lesson = XapiStatement.objects.filter(statement__verb__id=ADL + "completed").first().statement
    assert lesson["actor"]["account"]["name"] == str(member.pk)


def test_a_rolled_back_event_leaves_no_statement(xapi_on, member):
    course = make_course(lessons=1)
    with pytest.raises(RuntimeError), services.transaction.atomic():
        services.complete_lesson(member=member, lesson=lessons_of(course)[0])
        raise RuntimeError
    assert XapiStatement.objects.count() == 0


def test_sessions_registered_and_attended_reach_the_outbox_from_events(xapi_on):
    host = MemberFactory()
    session = SessionFactory(hosts=[host], capacity=1, starts_in=datetime.timedelta(minutes=30))
    member, waiting = MemberFactory(), MemberFactory()
    registration = register(member=member, session=session).registration
    register(member=member, session=session)  # again: the same registration
    register(member=waiting, session=session)  # waiting list: not registered yet
    assert told() == [("registered", "meeting")]
    check_in(session=session, registration=registration.code, by=host)
    check_in(session=session, registration=registration.code, by=host)
    assert told(member) == [("registered", "meeting"), ("attended", "meeting")]
    statement = XapiStatement.objects.get(member=member, statement__verb__id=ADL + "attended").statement
    assert statement["object"]["id"] == f"https://ambassadors.example.org/learn/activities/{session.translation_key}/"


def test_a_place_from_the_waiting_list_is_a_registration(xapi_on):
    session = SessionFactory(capacity=1, starts_in=datetime.timedelta(days=3))
    first, waiting = MemberFactory(), MemberFactory()
    register(member=first, session=session)
    register(member=waiting, session=session)
    cancel(member=first, session=session)
    assert told(waiting) == [("registered", "meeting")]


def test_an_erased_member_is_named_in_no_new_statement(xapi_on, member, master):
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    services.complete_lesson(member=member, lesson=first)
    assert XapiStatement.objects.filter(member=member, sent_at__isnull=True).count() == 1
    privacy.erase_member(member=member, by=member, password=PASSWORD)
    assert XapiStatement.objects.count() == 0  # the unsent one is gone
    member.refresh_from_db()
    services.complete_lesson(member=member, lesson=second)
    assert XapiStatement.objects.count() == 0
