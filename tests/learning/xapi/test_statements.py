"""What a statement says: an account, never an e-mail; ids derived from the event; valid for
TinCanPython; nobody named once erased."""

import datetime
import json
import uuid

import pytest
from django.utils import timezone
from tincan import Statement

from learning.xapi.statements import VERBS, Activity, build, score, statement_id
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

LESSON = Activity(
    key=uuid.UUID("11111111-2222-3333-4444-555555555555"), kind="lesson", name="Je profiel", language="nl"
)
AT = datetime.datetime(2027, 3, 10, 9, 0, tzinfo=datetime.UTC)


def test_the_actor_is_an_account_on_the_site_never_the_e_mail(xapi_on):
    member = MemberFactory(email="anna.de.vries@example.com", display_name="Anna de Vries")
    statement = build(event="e", member=member, verb="completed", activity=LESSON, timestamp=AT)
    assert statement["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://ambassadors.example.org", "name": str(member.pk)},
    }
    text = json.dumps(statement)
    assert "anna" not in text.lower() and "mbox" not in text


def test_every_verb_is_adl_and_every_statement_valid_for_tincan(xapi_on):
    member = MemberFactory()
    for verb in VERBS:
        for kind in ("lesson", "course", "path", "quiz", "session"):
            activity = Activity(key=LESSON.key, kind=kind, name="Titel", language="en")
            statement = build(
                event=f"{verb}:{kind}",
                member=member,
                verb=verb,
                activity=activity,
                timestamp=timezone.now(),
                result={"score": score(raw=2, maximum=3), "success": True},
                parent=LESSON,
            )
            parsed = Statement.from_json(json.dumps(statement))
            assert parsed.verb.id == f"http://adlnet.gov/expapi/verbs/{verb}"
            assert parsed.object.id.startswith(f"https://ambassadors.example.org/learn/activities/{LESSON.key}/")
            assert str(parsed.id) == statement["id"]


def test_the_id_is_derived_from_the_event(xapi_on):
    assert statement_id("lesson_completed:7:abc") == statement_id("lesson_completed:7:abc")
    assert statement_id("lesson_completed:7:abc") != statement_id("lesson_completed:8:abc")
    member = MemberFactory()
    first = build(event="x", member=member, verb="completed", activity=LESSON, timestamp=AT)
    again = build(event="x", member=member, verb="completed", activity=LESSON, timestamp=AT)
    assert first == again and uuid.UUID(first["id"]).version == 5


def test_an_erased_member_is_not_named(xapi_on):
    member = MemberFactory(erased_at=timezone.now())
    assert build(event="x", member=member, verb="completed", activity=LESSON, timestamp=AT) is None


def test_a_quiz_has_its_own_activity_and_a_score_in_range():
    quiz = Activity(key=LESSON.key, kind="quiz", name="Quiz")
    assert quiz.id.endswith("#quiz") and quiz.id != LESSON.id
    assert score(raw=5, maximum=3) == {"raw": 3, "min": 0, "max": 3, "scaled": 1.0}
    assert score(raw=0, maximum=0)["scaled"] == 0
