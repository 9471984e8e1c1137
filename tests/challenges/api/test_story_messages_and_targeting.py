"""Key messages on stories (picked when submitting, suggested from the challenge, corrected in
review) and the editor's audience and period on approval, through ``/api/v1/stories/`` and
``/api/v1/suggestions/``."""

import datetime

import pytest
from django.utils import timezone

from people.models import Role
from tests.factories import DepartmentFactory, LocationFactory, MemberFactory
from tests.strategy.factories import KeyMessageFactory

from ..factories import ChallengeFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_creator_picks_messages_and_the_story_answers_them(creator, api_for):
    first, second = KeyMessageFactory(), KeyMessageFactory()
    response = api_for(creator).post(
        "/api/v1/stories/", {"text": "Hello", "messages": [first.pk, second.pk]}, format="multipart"
    )
    assert response.status_code == 201
    assert sorted(response.json()["messages"]) == sorted([first.pk, second.pk])


def test_messages_left_out_are_the_challenges(creator, api_for):
    served, inactive = KeyMessageFactory(), KeyMessageFactory(active=False)
    challenge = ChallengeFactory()
    challenge.messages.set([served, inactive])
    response = api_for(creator).post("/api/v1/stories/", {"text": "Hi", "challenge": challenge.pk}, format="multipart")
    assert response.status_code == 201
    assert response.json()["messages"] == [served.pk]


@pytest.mark.parametrize("kind", ["unknown", "inactive", "inactive_goal"])
def test_unknown_or_inactive_messages_are_400_and_nothing_is_stored(creator, api_for, kind):
    if kind == "unknown":
        pk = 999999
    elif kind == "inactive":
        pk = KeyMessageFactory(active=False).pk
    else:
        pk = KeyMessageFactory(goal__active=False).pk
    response = api_for(creator).post("/api/v1/stories/", {"text": "Hi", "messages": [pk]}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_message"
    assert not creator.stories.exists()


def test_editor_corrects_the_messages_in_review(creator, editor, api_for):
    wrong, right = KeyMessageFactory(), KeyMessageFactory()
    story = StoryFactory(creator=creator)
    story.messages.set([wrong])
    url = f"/api/v1/stories/{story.pk}/review/"
    bad = api_for(editor).post(url, {"decision": "approve", "messages": [123456]}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "unknown_message"
    response = api_for(editor).post(url, {"decision": "approve", "messages": [right.pk]}, format="json")
    assert response.status_code == 200
    assert response.json()["messages"] == [right.pk]


def _approve(api, story, **extra):
    return api.post(f"/api/v1/stories/{story.pk}/review/", {"decision": "approve", **extra}, format="json")


def _feed(api) -> list[int]:
    return [s["id"] for s in api.get("/api/v1/suggestions/").json()["results"]]


def test_a_story_for_department_a_never_reaches_b(creator, editor, department, other_department, api_for):
    story = StoryFactory(creator=creator)
    response = _approve(api_for(editor), story, audience={"departments": [department.pk]})
    assert response.status_code == 200
    in_a = MemberFactory(department=department)
    in_b = MemberFactory(department=other_department)
    assert _feed(api_for(in_a)) == [story.pk]
    assert _feed(api_for(in_b)) == []
    assert [s["id"] for s in api_for(in_b).get("/api/v1/stories/").json()["results"]] == []


def test_locations_roles_and_languages_narrow_the_audience(creator, editor, department, api_for):
    here = LocationFactory()
    story = StoryFactory(creator=creator)
    audience = {"locations": [here.pk], "roles": [Role.AMBASSADOR], "languages": ["nl"]}
    assert _approve(api_for(editor), story, audience=audience).status_code == 200
    fits = MemberFactory(department=department, location=here, role=Role.AMBASSADOR, language="nl")
    elsewhere = MemberFactory(department=department, role=Role.AMBASSADOR, language="nl")
    english = MemberFactory(department=department, location=here, role=Role.AMBASSADOR, language="en")
    creator_role = MemberFactory(department=department, location=here, role=Role.CREATOR, language="nl")
    assert _feed(api_for(fits)) == [story.pk]
    for member in (elsewhere, english, creator_role):
        assert _feed(api_for(member)) == []


def test_the_period_is_honoured(creator, editor, ambassador, api_for, time_machine):
    now = timezone.now()
    story = StoryFactory(creator=creator)
    start, end = now + datetime.timedelta(days=1), now + datetime.timedelta(days=3)
    assert (
        _approve(api_for(editor), story, share_from=start.isoformat(), share_until=end.isoformat()).status_code == 200
    )
    assert _feed(api_for(ambassador)) == []
    time_machine.move_to(now + datetime.timedelta(days=2))
    assert _feed(api_for(ambassador)) == [story.pk]
    time_machine.move_to(now + datetime.timedelta(days=4))
    assert _feed(api_for(ambassador)) == []


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"audience": {"departments": [987654]}}, "unknown_audience"),
        ({"audience": {"locations": [987654]}}, "unknown_audience"),
        ({"audience": {"roles": ["king"]}}, "unknown_audience"),
        ({"audience": {"languages": ["fr"]}}, "unknown_audience"),
        ({"share_from": "2030-01-02T10:00:00Z", "share_until": "2030-01-01T10:00:00Z"}, "share_period_invalid"),
    ],
)
def test_bad_targeting_is_400_and_the_story_stays_submitted(creator, editor, api_for, extra, code):
    story = StoryFactory(creator=creator)
    response = _approve(api_for(editor), story, **extra)
    assert response.status_code == 400
    assert response.json()["code"] == code
    story.refresh_from_db()
    assert story.status == "submitted"


def test_feed_ranks_own_department_and_language_then_not_yet_shared(department, other_department, api_for):
    member = MemberFactory(department=department, language="nl")
    other_creator = MemberFactory(role=Role.CREATOR, department=other_department, language="en")
    own_creator = MemberFactory(role=Role.CREATOR, department=department, language="nl")
    elsewhere = StoryFactory(creator=other_creator, approved=True)
    own = StoryFactory(creator=own_creator, approved=True, approved_at=timezone.now() - datetime.timedelta(days=5))
    own_shared = StoryFactory(creator=own_creator, approved=True)
    api = api_for(member)
    assert (
        api.post(f"/api/v1/stories/{own_shared.pk}/shares/", {"network": "linkedin"}, format="json").status_code == 201
    )
    assert _feed(api) == [own.pk, own_shared.pk, elsewhere.pk]


def test_suggestions_take_a_constant_number_of_queries(
    creator, editor, department, api_for, django_assert_max_num_queries
):
    member = MemberFactory(department=department)
    api = api_for(member)

    def approve_some(n):
        for _ in range(n):
            story = StoryFactory(creator=creator)
            story.messages.set([KeyMessageFactory()])
            _approve(api_for(editor), story, audience={"departments": [department.pk], "languages": ["en", "nl"]})

    approve_some(2)
    api.get("/api/v1/suggestions/")
    with django_assert_max_num_queries(8):
        assert len(_feed(api)) == 2
    approve_some(6)
    with django_assert_max_num_queries(8):
        assert len(_feed(api)) == 8


def test_other_department_editor_cannot_target(creator, other_department, api_for):
    outsider = MemberFactory(role=Role.EDITOR, department=other_department)
    story = StoryFactory(creator=creator)
    response = _approve(api_for(outsider), story, audience={"departments": [DepartmentFactory().pk]})
    assert response.status_code == 404
