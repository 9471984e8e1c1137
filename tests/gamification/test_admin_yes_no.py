"""Yes/no fields in the admin lists read "Ja"/"Nee" (ticks and crosses), never "True"/"False"."""

import re

import pytest

from gamification.models import BadgeCriterion, PointRule
from people.models import Role
from tests.factories import MemberFactory
from tests.gamification.factories import BadgeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, yes, no", [("nl", "Ja", "Nee"), ("en", "Yes", "No")])
def test_active_columns_say_yes_or_no(client, language, yes, no):
    BadgeFactory(criterion=BadgeCriterion.MANUAL, name="Beursheld", active=True)
    BadgeFactory(criterion=BadgeCriterion.MANUAL, name="Oud", slug="oud", active=False)
    client.force_login(MemberFactory(role=Role.MASTER, language=language))
    for url in ("/admin/snippets/gamification/badgeclass/", "/admin/snippets/gamification/pointrule/"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        cells = re.findall(r'<span class="w-sr-only">(\w+)</span>', html)
        assert yes in cells, url
        assert "True" not in html and "False" not in html, url
    assert PointRule.objects.exists()
    assert no in re.findall(
        r'<span class="w-sr-only">(\w+)</span>',
        client.get("/admin/snippets/gamification/badgeclass/").content.decode(),
    )
