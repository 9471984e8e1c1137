"""Prize reads: standings in the published order, who sees whom, the wall of fame, the
default quarter."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gamification.models import (
    Nomination,
    PrizePeriod,
)
from gamification.selectors import prizes
from people.models import LeaderboardVisibility, Role
from tests.factories import MemberFactory
from tests.gamification.helpers import act, judged, make_period, now, scores

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("prize_rules")]


def test_hidden_members_are_left_off_public_standings_but_masters_see_them(client):
    period = make_period()
    hidden = MemberFactory(leaderboard_visibility=LeaderboardVisibility.HIDDEN)
    visible = MemberFactory()
    act(hidden, "story_approved", occurred_at=now() - datetime.timedelta(days=1))
    act(visible, "story_shared", occurred_at=now() - datetime.timedelta(days=1))
    assert set(scores(period, include_hidden=False)) == {visible.pk}
    assert set(scores(period, include_hidden=True)) == {hidden.pk, visible.pk}

    ambassador, master = MemberFactory(), MemberFactory(role=Role.MASTER)
    public = prizes.board(period, viewer=ambassador)
    assert [(r["rank"], r["member"]["id"]) for r in public.results] == [(1, visible.pk)]
    for_master = prizes.board(period, viewer=master)
    assert [r["member"]["id"] for r in for_master.results] == [hidden.pk, visible.pk]
    # The hidden member still sees their own place.
    assert prizes.board(period, viewer=hidden).me["rank"] == 1

    client.force_login(ambassador)
    page = client.get(f"/prizes/{period.pk}/").content.decode()
    assert visible.name in page and hidden.name not in page
    client.force_login(master)
    assert hidden.name in client.get(f"/prizes/{period.pk}/").content.decode()


def test_equal_scores_are_decided_by_nominations_then_who_reached_the_score_first_then_shared():
    period = make_period(nomination_weight=5)
    start = period.starts_at
    nominated, plain = MemberFactory(), MemberFactory()
    early, late = MemberFactory(), MemberFactory()
    twin_a, twin_b = MemberFactory(), MemberFactory()
    # 20 points each: one nomination (5) + 15 of actions versus 20 of actions.
    act(nominated, "story_shared", occurred_at=start + datetime.timedelta(days=1), times=3)
    Nomination.objects.create(period=period, nominator=MemberFactory(), nominee=nominated, reason="Yes")
    Nomination.objects.filter(nominee=nominated).update(created_at=start + datetime.timedelta(days=1))
    act(plain, "story_approved", occurred_at=start + datetime.timedelta(days=1), times=2)
    # 10 points each, same nominations (none): the one who got there first wins.
    act(early, "story_approved", occurred_at=start + datetime.timedelta(days=2))
    act(late, "story_shared", occurred_at=start + datetime.timedelta(days=1))
    act(late, "story_shared", occurred_at=start + datetime.timedelta(days=3))
    # 5 points each, reached at the same moment: a real tie, listed by member id.
    same = start + datetime.timedelta(days=4)
    act(twin_b, "story_shared", occurred_at=same)
    act(twin_a, "story_shared", occurred_at=same)

    rows = prizes.standings(period)
    order = [(r["rank"], r["member_id"], r["score"]) for r in rows]
    twins = sorted([twin_a.pk, twin_b.pk])
    assert order == [
        (1, nominated.pk, 20),
        (2, plain.pk, 20),
        (3, early.pk, 10),
        (4, late.pk, 10),
        (5, twins[0], 5),
        (5, twins[1], 5),
    ]
    assert "nominations" in str(prizes.TIE_BREAK)


def test_wall_of_fame_lists_past_winners_newest_first_with_constant_queries(client, member):
    old = judged(1)
    PrizePeriod.objects.filter(pk=old.pk).update(ends_at=old.ends_at - datetime.timedelta(days=100))
    new = judged(2)
    make_period(title="Still running")
    with CaptureQueriesContext(connection) as ctx:
        wall = prizes.wall_of_fame(viewer=member)
    assert [item["period"].pk for item in wall] == [new.pk, old.pk]
    assert [len(item["winners"]) for item in wall] == [2, 1]
    assert len(ctx.captured_queries) <= 3
    client.force_login(member)
    page = client.get("/prizes/wall-of-fame/").content.decode()
    assert page.count('data-testid="fame-winner"') == 3 and "Still running" not in page


@pytest.mark.clock
def test_default_quarter_is_the_current_quarter_in_amsterdam():
    moment = datetime.datetime(2025, 3, 31, 22, 30, tzinfo=datetime.UTC)  # 1 April 00:30 in Amsterdam
    start, end = prizes.default_quarter(moment)
    assert (start.year, start.month, start.day, start.hour) == (2025, 4, 1, 0)
    assert (end.year, end.month, end.day) == (2025, 7, 1)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    start, end = prizes.default_quarter(datetime.datetime(2025, 11, 5, tzinfo=datetime.UTC))
    assert (start.month, end.year, end.month) == (10, 2026, 1)
