"""The snippets Masters edit in the admin: point rules, levels, badges, prize periods."""

import pytest

from gamification.models import (
    BadgeClass,
    BadgeCriterion,
    PrizePeriod,
)
from gamification.selectors.prizes import default_quarter
from gamification.services import prizes
from gamification.services.badges import award
from people.models import Role
from tests.factories import MemberFactory
from tests.gamification.factories import BadgeFactory
from tests.gamification.helpers import make_period

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("prize_rules")]


def test_masters_manage_point_rules_and_levels(client):
    client.force_login(MemberFactory(role=Role.MASTER))
    assert client.get("/admin/snippets/gamification/pointrule/").status_code == 200
    assert client.get("/admin/snippets/gamification/level/").status_code == 200
    client.force_login(MemberFactory(role=Role.EDITOR))
    assert client.get("/admin/snippets/gamification/pointrule/").status_code in (302, 403)


def test_admin_badge_snippets_for_masters(client, master, member):
    badge = BadgeFactory(criterion=BadgeCriterion.MANUAL, name="Trade fair hero")
    award(member=member, badge=badge)
    client.force_login(master)
    listing = client.get("/admin/snippets/gamification/badgeclass/")
    assert listing.status_code == 200 and "Trade fair hero" in listing.content.decode()
    assert client.get("/admin/snippets/gamification/badgeclass/add/").status_code == 200
    form = {
        "name": "Sharer",
        "name_en": "",
        "slug": "sharer",
        "description": "Share five stories.",
        "description_en": "",
        "image": "",
        "criterion": BadgeCriterion.ACTION_COUNT,
        "action": "",
        "count": "5",
        "period_days": "",
        "level": "",
        "ref": "",
        "active": "on",
    }
    response = client.post("/admin/snippets/gamification/badgeclass/add/", form)
    assert response.status_code == 200 and not BadgeClass.objects.filter(slug="sharer").exists()  # no action
    response = client.post("/admin/snippets/gamification/badgeclass/add/", {**form, "action": "story_shared"})
    assert response.status_code == 302
    assert BadgeClass.objects.get(slug="sharer").action == "story_shared"
    response = client.post(f"/admin/snippets/gamification/badgeclass/delete/{badge.pk}/")
    assert response.status_code == 302  # refused with a message: awarded badges are retired, not deleted
    assert BadgeClass.objects.filter(pk=badge.pk).exists()
    unused = BadgeFactory(criterion=BadgeCriterion.MANUAL)
    assert client.post(f"/admin/snippets/gamification/badgeclass/delete/{unused.pk}/").status_code == 302
    assert not BadgeClass.objects.filter(pk=unused.pk).exists()
    client.force_login(member)
    assert client.get("/admin/snippets/gamification/badgeclass/").status_code == 302


@pytest.mark.clock
def test_the_admin_add_form_defaults_to_the_current_quarter(client):
    client.force_login(MemberFactory(role=Role.MASTER))
    response = client.get("/admin/snippets/gamification/prizeperiod/add/")
    assert response.status_code == 200
    start, end = default_quarter()
    form = response.context["form"]
    assert form.initial["starts_at"] == start and form.initial["ends_at"] == end


def test_the_rules_of_a_closed_period_cannot_be_edited_in_the_admin():
    period = make_period()
    form_class = PrizePeriod.snippet_viewset.get_edit_handler().get_form_class()

    def data(**changes):
        form = form_class(instance=period)
        values = {name: form[name].value() for name in form.fields}
        values["formula"] = form["formula"].value()
        values["departments"] = []
        values.update(changes)
        return {k: v for k, v in values.items() if v is not None and v is not False}

    assert form_class(data(formula='{"story_shared": 50}'), instance=period).is_valid()
    prizes.close_period(period=period)
    period.refresh_from_db()
    closed_form = form_class(data(formula='{"story_shared": 50}'), instance=period)
    assert not closed_form.is_valid()
    assert form_class(data(title="Renamed"), instance=period).is_valid()
