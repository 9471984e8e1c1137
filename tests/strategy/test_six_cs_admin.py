"""Masters edit the 6 C's questions in the admin's Strategy menu (strategy/wagtail_hooks.py)."""

import pytest

from people.models import Role
from strategy.models import SixCQuestion
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_masters_edit_the_questions(client_for, master):
    client = client_for(master)
    question = SixCQuestion.objects.first()
    assert client.get("/admin/snippets/strategy/sixcquestion/").status_code == 200
    response = client.post(
        f"/admin/snippets/strategy/sixcquestion/edit/{question.pk}/",
        {"c": question.c, "position": 1, "text": "Nieuwe vraag", "text_en": "New question", "active": "on"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Nieuwe vraag"


def test_editors_do_not(client_for):
    editor = client_for(MemberFactory(role=Role.EDITOR))
    assert editor.get("/admin/snippets/strategy/sixcquestion/").status_code in (302, 403)
