"""The SQL backend on hand-built ledgers; the Redis backend must give the very same boards
(``backend`` runs every test on both)."""

import datetime

import pytest
from django.utils import timezone, translation

from gamification.leaderboards.boards import Row, parse_board
from gamification.leaderboards.periods import period_start
from gamification.selectors.boards import present
from people.models import Role
from tests.factories import DepartmentFactory, LocationFactory, MemberFactory
from tests.gamification.leaderboards.helpers import ALL, ANONYMOUS, HIDDEN, points_of

pytestmark = pytest.mark.django_db


def test_competition_ranking_with_ties_in_member_id_order(backend, ledger):
    a, b, c, d = (MemberFactory() for _ in range(4))
    ledger.award(a, 10)
    ledger.award(c, 7)
    ledger.award(b, 4)
    ledger.award(b, 3)
    ledger.award(d, 3)
    assert points_of(backend.top(ALL, "all", 10)) == [(1, a.pk, 10), (2, b.pk, 7), (2, c.pk, 7), (4, d.pk, 3)]
    assert points_of(backend.top(ALL, "all", 2)) == [(1, a.pk, 10), (2, b.pk, 7)]
    assert backend.top(ALL, "all", 0) == []


def test_me_and_two_above_and_two_below_also_at_the_edges(backend, ledger):
    members = [MemberFactory() for _ in range(7)]
    for place, member in enumerate(members):
        ledger.award(member, 70 - 10 * place)  # members[0] first … members[6] last
    ids = [m.pk for m in members]

    me, neighbours = backend.around(ALL, "all", ids[3])
    assert me == Row(rank=4, member_id=ids[3], points=40)
    assert [r.member_id for r in neighbours] == [ids[1], ids[2], ids[4], ids[5]]
    me, neighbours = backend.around(ALL, "all", ids[0])
    assert me.rank == 1 and [r.member_id for r in neighbours] == [ids[1], ids[2]]
    me, neighbours = backend.around(ALL, "all", ids[1])
    assert [r.member_id for r in neighbours] == [ids[0], ids[2], ids[3]]
    me, neighbours = backend.around(ALL, "all", ids[6])
    assert me.rank == 7 and [r.member_id for r in neighbours] == [ids[4], ids[5]]
    outsider = MemberFactory()
    assert backend.around(ALL, "all", outsider.pk) == (None, [])


def test_neighbours_carry_competition_ranks(backend, ledger):
    a, b, c, d, e = (MemberFactory() for _ in range(5))
    for member, points in ((a, 9), (b, 5), (c, 5), (d, 5), (e, 1)):
        ledger.award(member, points)
    me, neighbours = backend.around(ALL, "all", d.pk)
    assert me == Row(rank=2, member_id=d.pk, points=5)
    assert points_of(neighbours) == [(2, b.pk, 5), (2, c.pk, 5), (5, e.pk, 1)]
    me, neighbours = backend.around(ALL, "all", e.pk)
    assert points_of(neighbours) == [(2, c.pk, 5), (2, d.pk, 5)]


def test_department_location_and_challenge_boards(backend, ledger):
    sales, support = DepartmentFactory(name="Sales"), DepartmentFactory(name="Support")
    utrecht, leiden = LocationFactory(name="Utrecht"), LocationFactory(name="Leiden")
    a = MemberFactory(department=sales, location=utrecht)
    b = MemberFactory(department=sales, location=leiden)
    c = MemberFactory(department=support, location=utrecht)
    ledger.award(a, 5, boards=["challenge-7"])
    ledger.award(b, 8)
    ledger.award(c, 6, boards=["challenge-7", "challenge-8"])
    ledger.award(a, 2, boards=["challenge-8"])

    def board(name):
        return points_of(backend.top(parse_board(name), "all", 10))

    assert board(f"department-{sales.pk}") == [(1, b.pk, 8), (2, a.pk, 7)]
    assert board(f"department-{support.pk}") == [(1, c.pk, 6)]
    assert board(f"location-{utrecht.pk}") == [(1, a.pk, 7), (2, c.pk, 6)]
    assert board(f"location-{leiden.pk}") == [(1, b.pk, 8)]
    assert board("challenge-7") == [(1, c.pk, 6), (2, a.pk, 5)]
    assert board("challenge-8") == [(1, c.pk, 6), (2, a.pk, 2)]
    assert board("challenge-9") == []
    me, neighbours = backend.around(parse_board("challenge-7"), "all", a.pk)
    assert me == Row(rank=2, member_id=a.pk, points=5) and [r.member_id for r in neighbours] == [c.pk]


@pytest.mark.clock
def test_week_and_month_periods_count_only_their_entries(backend, ledger):
    now = timezone.now()
    week, month = period_start("week", now), period_start("month", now)
    a, b = MemberFactory(), MemberFactory()
    times = {
        "now": now - datetime.timedelta(minutes=1),
        "before the week": week - datetime.timedelta(hours=1),
        "before the month": month - datetime.timedelta(hours=1),
        "long ago": now - datetime.timedelta(days=400),
    }
    awards = [(a, 5, "now"), (a, 7, "before the week"), (b, 11, "before the month"), (b, 3, "long ago")]
    for member, points, when in awards:
        ledger.award(member, points, when=times[when], boards=["challenge-1"])

    def expected(start):
        totals = {}
        for member, points, when in awards:
            if start is None or times[when] >= start:
                totals[member.pk] = totals.get(member.pk, 0) + points
        ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        return [(1 + sum(p > points for _, p in ordered), pk, points) for pk, points in ordered]

    for period, start in (("all", None), ("week", week), ("month", month)):
        for name in ("all", "challenge-1"):
            assert points_of(backend.top(parse_board(name), period, 10)) == expected(start), (name, period)
    # The hour before the month began lies in this week whenever the month began after the
    # week did (1 December 2026 was a Tuesday).
    week_holds_month_eve = times["before the month"] >= week
    this_week = [(1, b.pk, 11), (2, a.pk, 5)] if week_holds_month_eve else [(1, a.pk, 5)]
    assert points_of(backend.top(ALL, "week", 10)) == this_week


def test_hidden_members_only_for_masters_and_anonymous_named_only_for_masters_and_themselves(backend, ledger):
    shown = MemberFactory(display_name="Shown")
    anonymous = MemberFactory(display_name="Anon", leaderboard_visibility=ANONYMOUS)
    hidden = MemberFactory(display_name="Hidden", leaderboard_visibility=HIDDEN)
    ledger.award(hidden, 9)
    ledger.award(anonymous, 6)
    ledger.award(shown, 3)

    public = backend.top(ALL, "all", 10)
    assert points_of(public) == [(1, anonymous.pk, 6), (2, shown.pk, 3)]
    everyone = backend.top(ALL, "all", 10, include_hidden=True)
    assert points_of(everyone) == [(1, hidden.pk, 9), (2, anonymous.pk, 6), (3, shown.pk, 3)]
    assert backend.around(ALL, "all", hidden.pk) == (None, [])
    assert backend.around(ALL, "all", hidden.pk, include_hidden=True)[0].rank == 1

    def names(rows, viewer):
        with translation.override("en"):
            presented = present(rows, viewer=viewer)
        return [(item["member"]["id"], item["member"]["name"]) for item in presented]

    anonymous_name = "Anonymous ambassador"
    assert names(public, shown) == [(None, anonymous_name), (shown.pk, "Shown")]
    assert names(public, None) == [(None, anonymous_name), (shown.pk, "Shown")]
    assert names(public, anonymous) == [(anonymous.pk, "Anon"), (shown.pk, "Shown")]
    master = MemberFactory(role=Role.MASTER)
    assert names(everyone, master) == [(hidden.pk, "Hidden"), (anonymous.pk, "Anon"), (shown.pk, "Shown")]
    me = present(public, viewer=anonymous)
    assert [item["me"] for item in me] == [True, False]


def test_corrections_to_zero_or_below_keep_the_member_on_the_board(backend, ledger):
    a, b, c = MemberFactory(), MemberFactory(), MemberFactory()
    ledger.award(a, 5)
    ledger.correct(a, -5)
    ledger.award(b, 2)
    ledger.correct(b, -4)
    ledger.award(c, 1)
    assert points_of(backend.top(ALL, "all", 10)) == [(1, c.pk, 1), (2, a.pk, 0), (3, b.pk, -2)]
    assert points_of(backend.top(ALL, "week", 10)) == [(1, c.pk, 1), (2, a.pk, 0), (3, b.pk, -2)]


def test_inactive_members_are_left_off(backend, ledger):
    a, b = MemberFactory(), MemberFactory()
    ledger.award(a, 5)
    ledger.award(b, 3)
    a.is_active = False
    a.save(update_fields=["is_active"])
    backend.set_visibility(a.pk)
    assert points_of(backend.top(ALL, "all", 10)) == [(1, b.pk, 3)]
    assert points_of(backend.top(ALL, "all", 10, include_hidden=True)) == [(1, b.pk, 3)]


def test_changing_visibility_or_department_moves_the_member(backend, ledger):
    sales, support = DepartmentFactory(name="Sales"), DepartmentFactory(name="Support")
    a = MemberFactory(department=sales)
    b = MemberFactory(department=sales)
    ledger.award(a, 5, boards=["challenge-3"])
    ledger.award(b, 3)
    a.leaderboard_visibility = HIDDEN
    a.department = support
    a.save(update_fields=["leaderboard_visibility", "department"])
    backend.set_visibility(a.pk)
    assert points_of(backend.top(ALL, "all", 10)) == [(1, b.pk, 3)]
    assert points_of(backend.top(ALL, "month", 10, include_hidden=True)) == [(1, a.pk, 5), (2, b.pk, 3)]
    assert points_of(backend.top(parse_board(f"department-{sales.pk}"), "all", 10, include_hidden=True)) == [
        (1, b.pk, 3)
    ]
    assert points_of(backend.top(parse_board(f"department-{support.pk}"), "week", 10, include_hidden=True)) == [
        (1, a.pk, 5)
    ]
    assert backend.top(parse_board("challenge-3"), "all", 10) == []
    a.leaderboard_visibility = ANONYMOUS
    a.save(update_fields=["leaderboard_visibility"])
    backend.set_visibility(a.pk)
    assert points_of(backend.top(parse_board("challenge-3"), "all", 10)) == [(1, a.pk, 5)]
