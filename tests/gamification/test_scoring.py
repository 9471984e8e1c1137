"""The prize formula in SQL: what counts, for whom, and the prize board it feeds."""

import datetime

import pytest

from gamification import scoring
from gamification.errors import UnknownPrize
from gamification.leaderboards.boards import parse_board
from gamification.leaderboards.sql import sql_backend
from gamification.models import (
    Nomination,
)
from tests.factories import DepartmentFactory, MemberFactory
from tests.gamification.helpers import act, make_period, now, scores

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("prize_rules")]


@pytest.mark.clock
def test_formula_counts_actions_inside_the_period_times_their_weight():
    period = make_period()
    a, b, c = MemberFactory(), MemberFactory(), MemberFactory()
    inside = period.starts_at + datetime.timedelta(days=1)
    act(a, "story_approved", occurred_at=inside, times=2)  # 2 × 10
    act(a, "share_click", occurred_at=inside, times=3)  # 3 × 1
    act(a, "lesson_completed", occurred_at=inside)  # 1 × 2 (the formula's weight, not the rule's 10 points)
    act(a, "quiz_passed", occurred_at=inside)  # not in the formula
    act(a, "story_approved", occurred_at=period.starts_at - datetime.timedelta(seconds=1))  # before
    act(a, "story_approved", occurred_at=period.ends_at)  # the end is exclusive
    act(b, "session_attended", occurred_at=period.starts_at)  # the start is inclusive
    act(c, "quiz_passed", occurred_at=inside)  # nothing that counts: not listed
    assert scores(period) == {a.pk: 25, b.pk: 5}
    rows = list(scoring.score_queryset(prize_id=period.pk, include_hidden=False))
    assert all(set(row) == {"member_id", "points"} for row in rows)


def test_the_sql_leaderboard_ranks_the_prize_board_from_the_score_queryset():
    period = make_period()
    a, b = MemberFactory(), MemberFactory()
    act(a, "story_shared", occurred_at=now() - datetime.timedelta(days=1))
    act(b, "story_approved", occurred_at=now() - datetime.timedelta(days=1))
    key = parse_board(f"prize-{period.pk}")
    top = sql_backend().top(key, "all", 10)
    assert [(r.rank, r.member_id, r.points) for r in top] == [(1, b.pk, 10), (2, a.pk, 5)]
    me, _neighbours = sql_backend().around(key, "all", a.pk)
    assert me.rank == 2


def test_nominations_add_their_weight_without_multiplying_ledger_rows():
    period = make_period(nomination_weight=7)
    star, only_nominated = MemberFactory(), MemberFactory()
    act(star, "story_shared", occurred_at=now() - datetime.timedelta(days=1), times=3)  # 15
    for _ in range(2):
        Nomination.objects.create(period=period, nominator=MemberFactory(), nominee=star, reason="Great")
    Nomination.objects.create(period=period, nominator=MemberFactory(), nominee=only_nominated, reason="Kind")
    assert scores(period) == {star.pk: 15 + 14, only_nominated.pk: 7}


def test_nominations_do_not_score_when_the_weight_is_zero():
    period = make_period(nomination_weight=0)
    member = MemberFactory()
    Nomination.objects.create(period=period, nominator=MemberFactory(), nominee=member, reason="Great")
    assert scores(period) == {}


def test_only_active_members_of_the_eligible_departments_count():
    sales, it = DepartmentFactory(name="Sales"), DepartmentFactory(name="IT")
    seller, engineer = MemberFactory(department=sales), MemberFactory(department=it)
    gone = MemberFactory(department=sales)
    for member in (seller, engineer, gone):
        act(member, "story_shared", occurred_at=now() - datetime.timedelta(days=1))
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    everyone = make_period()
    sales_only = make_period(departments=[sales])
    assert set(scores(everyone)) == {seller.pk, engineer.pk}
    assert set(scores(sales_only)) == {seller.pk}
    assert scoring.is_eligible(sales_only, seller) and not scoring.is_eligible(sales_only, engineer)


def test_an_unknown_prize_is_not_found(api):
    with pytest.raises(UnknownPrize) as refused:
        scoring.score_queryset(prize_id=999999, include_hidden=False)
    assert refused.value.status_code == 404
    assert api.get("/api/v1/prizes/999999/").status_code == 404
    assert api.get("/api/v1/leaderboards/prize-999999/").status_code == 404
