"""A cmi5 AU's own statements go on to the organisation's LRS (validated there by TinCanPython):
with the AU's id when it sent one, with a stable derived id when it did not, once however often
the AU resends them; not at all for a member who was erased."""

import uuid
from urllib.parse import urlsplit

import pytest

from cms.services import privacy
from learning.models import XapiStatement
from tests.factories import PASSWORD
from tests.learning.test_cmi5 import cmi5_lesson, launch, send, statement  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def started(client, member, lesson):
    client.force_login(member)
    params = launch(client, lesson)
    au = client.__class__()  # the AU calls with its token, not the member's session
    return params, au, au.post(urlsplit(params["fetch"]).path).json()["auth-token"]


def test_the_aus_statements_reach_the_lrs_once(lrs, client, member, cmi5_lesson, django_capture_on_commit_callbacks):  # noqa: F811
    params, au, token = started(client, member, cmi5_lesson)
    own_id = str(uuid.uuid4())
    sent = [
        statement(params, "initialized", id=own_id),
        statement(params, "passed", result={"score": {"scaled": 0.8}, "success": True}),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        first = send(au, token, sent).json()
    with django_capture_on_commit_callbacks(execute=True):
        again = send(au, token, sent).json()  # a retried request
    assert first[0] == own_id and first == again
    au_ids = set(first)
    assert au_ids <= set(lrs.posted_ids)
    assert sum(1 for posted in lrs.posted_ids if posted in au_ids) == 2  # each once
    forwarded = {pk: s for pk, s in lrs.statements.items() if pk in au_ids}
    assert forwarded[first[1]]["result"]["score"]["scaled"] == 0.8
    assert forwarded[own_id]["verb"]["id"].endswith("/initialized")


def test_nothing_is_forwarded_for_an_erased_member(xapi_on, client, member, cmi5_lesson):  # noqa: F811
    params, au, token = started(client, member, cmi5_lesson)
    privacy.erase_member(member=member, by=member, password=PASSWORD)
    member.refresh_from_db()
    send(au, token, [statement(params, "initialized")])
    assert not XapiStatement.objects.filter(statement__verb__id__endswith="/initialized").exists()
