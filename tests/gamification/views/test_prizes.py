"""Prize pages: the overview, nominating, closing and the jury form; Masters only where it says."""

import datetime

import pytest

from core.errors import NotAllowed
from gamification.models import (
    Nomination,
    PointRule,
    PrizePeriod,
    PrizeStatus,
    PrizeWinner,
)
from gamification.selectors import prizes as prize_reads
from gamification.services import prizes
from people.models import LeaderboardVisibility, Role
from tests.factories import MemberFactory
from tests.gamification.helpers import act, make_period, now, scored_members

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("prize_rules")]


def test_the_page_offers_the_nomination_form_once(client):
    period = make_period(nomination_weight=3)
    me, colleague = MemberFactory(), MemberFactory()
    client.force_login(me)
    page = client.get("/prizes/").content.decode()
    assert 'data-testid="nomination"' in page and f'data-board="prize-{period.pk}"' in page
    response = client.post(
        f"/prizes/{period.pk}/nominate/", {"nominee": colleague.pk, "reason": "Shares every success story"}
    )
    assert response.status_code == 302
    assert Nomination.objects.get(period=period, nominator=me).nominee == colleague
    page = client.get(f"/prizes/{period.pk}/").content.decode()
    assert 'data-testid="nomination"' not in page and 'data-testid="my-nomination"' in page
    # Nominating oneself is not even offered; forcing it is refused.
    client.post(f"/prizes/{period.pk}/nominate/", {"nominee": me.pk, "reason": "Me"})
    assert Nomination.objects.filter(period=period).count() == 1


def test_the_jury_form_confirms_through_the_page(client):
    period = make_period(jury=True)
    members = scored_members(period, [3, 2])
    prizes.close_period(period=period)
    master = MemberFactory(role=Role.MASTER)
    client.force_login(master)
    page = client.get(f"/prizes/{period.pk}/").content.decode()
    assert 'data-testid="jury-form"' in page
    response = client.post(
        f"/prizes/{period.pk}/confirm/",
        {"winner": [members[1].pk], f"motivation-{members[1].pk}": "Most inspiring posts"},
    )
    assert response.status_code == 302
    assert PrizeWinner.objects.get(period=period).member == members[1]


@pytest.mark.parametrize(
    "kwargs", [{"role": Role.AMBASSADOR}, {"role": Role.EDITOR}, {"role": Role.CREATOR, "is_hr": True}]
)
def test_only_masters_close_and_confirm(client, kwargs):
    period = make_period()
    jury_period = make_period(jury=True)
    (member,) = scored_members(jury_period, [2])
    prizes.close_period(period=jury_period)
    client.force_login(MemberFactory(**kwargs))
    assert client.post(f"/prizes/{period.pk}/close/").status_code == 403
    assert (
        client.post(
            f"/prizes/{jury_period.pk}/confirm/", {"winner": [member.pk], f"motivation-{member.pk}": "x"}
        ).status_code
        == 403
    )
    assert "Close now" not in client.get(f"/prizes/{period.pk}/").content.decode()
    assert PrizePeriod.objects.get(pk=period.pk).status == PrizeStatus.OPEN
    assert not PrizeWinner.objects.exists()
    with pytest.raises(NotAllowed):
        prizes.close_period(period=period, by=MemberFactory(**kwargs))


def test_a_master_closes_from_the_page(client):
    period = make_period()
    scored_members(period, [1])
    client.force_login(MemberFactory(role=Role.MASTER))
    assert "Close now" in client.get(f"/prizes/{period.pk}/").content.decode()
    assert client.post(f"/prizes/{period.pk}/close/").status_code == 302
    assert PrizePeriod.objects.get(pk=period.pk).status == PrizeStatus.JUDGED


@pytest.mark.clock
def test_the_overview_shows_formula_tie_break_countdown_standings_and_my_place(client):
    make_period(title="Best of Q1")
    me, leader = MemberFactory(), MemberFactory()
    act(leader, "story_approved", occurred_at=now() - datetime.timedelta(days=1))
    act(me, "story_shared", occurred_at=now() - datetime.timedelta(days=1))
    client.force_login(me)
    response = client.get("/prizes/")
    assert response.status_code == 200
    page = response.content.decode()
    rule = PointRule.objects.filter(action="story_approved").first()  # created by challenges' migration
    label = str(rule.display_label) if rule else "story_approved"
    for text in ("Best of Q1", 'data-testid="prize-formula"', 'data-testid="countdown"', label):
        assert text in page
    assert str(prize_reads.TIE_BREAK)[:40] in page
    assert response.context["board"].me["rank"] == 2
    assert [r["member"]["id"] for r in response.context["board"].results] == [leader.pk, me.pk]


def test_a_member_hidden_from_leaderboards_is_not_offered_for_nomination(client):
    period = make_period(nomination_weight=3)
    me = MemberFactory()
    shown = MemberFactory(display_name="Shown Colleague")
    hidden = MemberFactory(display_name="Hidden Colleague", leaderboard_visibility=LeaderboardVisibility.HIDDEN)
    client.force_login(me)
    page = client.get(f"/prizes/{period.pk}/").content.decode()
    assert f'value="{shown.pk}"' in page and "Shown Colleague" in page
    assert f'value="{hidden.pk}"' not in page and "Hidden Colleague" not in page
    # Posting their id anyway nominates no one.
    client.post(f"/prizes/{period.pk}/nominate/", {"nominee": hidden.pk, "reason": "Great posts"})
    assert not Nomination.objects.filter(period=period).exists()
