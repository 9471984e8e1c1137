"""Leaderboards: the SQL backend on hand-built ledgers, and the Redis backend giving the very
same boards (property-tested on random ledgers), surviving retries, rebuilds, drift and
an outage."""

import datetime
import itertools
import logging
import uuid

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gamification import leaderboards
from gamification.leaderboards import BoardKey, Row, parse_board, period_start, sql_backend
from gamification.leaderboards_redis import encode_member
from gamification.models import PointRule, PointsEntry
from gamification.services import correct_points, record_action
from people.models import LeaderboardVisibility, Role
from tests.factories import DepartmentFactory, LocationFactory, MemberFactory

pytestmark = pytest.mark.django_db

VISIBLE, ANONYMOUS, HIDDEN = (
    LeaderboardVisibility.VISIBLE,
    LeaderboardVisibility.ANONYMOUS,
    LeaderboardVisibility.HIDDEN,
)
ALL = BoardKey("all")


# --- helpers ---------------------------------------------------------------------------------


def _redis_client(url):
    import redis

    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def _delete_prefix(url, prefix):
    import redis

    try:
        client = _redis_client(url)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except redis.RedisError:
        pass


@pytest.fixture(autouse=True)
def key_prefix(settings):
    """Every test indexes into its own keys, removed afterwards."""
    prefix = f"lbtest:{uuid.uuid4().hex[:12]}"
    settings.LEADERBOARD_KEY_PREFIX = prefix
    yield prefix
    if settings.REDIS_URL:
        _delete_prefix(settings.REDIS_URL, prefix)


def _rule(points: int) -> str:
    action = f"lbtest_{'m' if points < 0 else 'p'}{abs(points)}"
    PointRule.objects.get_or_create(action=action, defaults={"label": action, "points": points})
    return action


class Ledger:
    """Awards through the real services, running their after-commit work (the live index)."""

    def __init__(self, capture):
        self.capture = capture
        self.master = None

    def award(self, member, points, *, when=None, boards=()):
        with self.capture(execute=True):
            result = record_action(member, _rule(points), f"ref:{uuid.uuid4()}", when, boards=boards)
        assert result.created, result.skipped
        return result.entry

    def correct(self, member, points):
        if self.master is None:
            self.master = MemberFactory(role=Role.MASTER)
        with self.capture(execute=True):
            return correct_points(member=member, points=points, reason="test", by=self.master)


@pytest.fixture
def ledger(django_capture_on_commit_callbacks):
    return Ledger(django_capture_on_commit_callbacks)


def _redis_backend(url, prefix):
    from gamification.leaderboards_redis import RedisBackend

    return RedisBackend(_redis_client(url), prefix=prefix)


@pytest.fixture(params=["sql", "redis"])
def backend(request, key_prefix):
    if request.param == "sql":
        return sql_backend()
    url = request.getfixturevalue("redis_url")
    return _redis_backend(url, key_prefix)


def points_of(rows):
    return [(r.rank, r.member_id, r.points) for r in rows]


# --- the SQL backend on a hand-built ledger (and Redis must agree: `backend` runs both) ----


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
            presented = leaderboards.present(rows, viewer=viewer)
        return [(item["member"]["id"], item["member"]["name"]) for item in presented]

    anonymous_name = "Anonymous ambassador"
    assert names(public, shown) == [(None, anonymous_name), (shown.pk, "Shown")]
    assert names(public, None) == [(None, anonymous_name), (shown.pk, "Shown")]
    assert names(public, anonymous) == [(anonymous.pk, "Anon"), (shown.pk, "Shown")]
    master = MemberFactory(role=Role.MASTER)
    assert names(everyone, master) == [(hidden.pk, "Hidden"), (anonymous.pk, "Anon"), (shown.pk, "Shown")]
    me = leaderboards.present(public, viewer=anonymous)
    assert [item["me"] for item in me] == [True, False]


def test_board_payload_shows_masters_everyone(ledger):
    hidden = MemberFactory(leaderboard_visibility=HIDDEN)
    other = MemberFactory()
    ledger.award(hidden, 9)
    ledger.award(other, 1)
    master = MemberFactory(role=Role.MASTER)
    assert [r["rank"] for r in leaderboards.board_payload(ALL, "all", viewer=master)["results"]] == [1, 2]
    payload = leaderboards.board_payload(ALL, "all", viewer=other)
    assert [r["points"] for r in payload["results"]] == [1]
    assert payload["me"]["rank"] == 1
    assert leaderboards.board_payload(ALL, "all", viewer=hidden)["me"] is None


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


# --- Redis agrees with SQL on random ledgers -------------------------------------------------

member_strategy = st.tuples(
    st.sampled_from([None, 0, 1]),  # department
    st.sampled_from([None, 0, 1]),  # location
    st.sampled_from([VISIBLE, VISIBLE, ANONYMOUS, HIDDEN]),  # visibility while earning
    st.sampled_from([None, None, None, VISIBLE, HIDDEN, "inactive", "move"]),  # change afterwards
)
award_strategy = st.tuples(
    st.integers(0, 7),  # member (modulo the number of members)
    st.sampled_from([0, 1, 2, 2, 3, 5]),  # points: small, so ties are common
    st.sampled_from([0, 0, 3, 9, 20, 45]),  # days ago
    st.sampled_from([(), (), ("challenge-1",), ("challenge-1", "challenge-2")]),
)
correction_strategy = st.tuples(st.integers(0, 7), st.sampled_from([-6, -2, -1, 1, 4]))


def _all_boards(departments, locations):
    return [
        ALL,
        *(BoardKey("department", d.pk) for d in departments),
        *(BoardKey("location", loc.pk) for loc in locations),
        BoardKey("challenge", 1),
        BoardKey("challenge", 2),
    ]


def _assert_same_boards(redis_backend, members, boards):
    """Whole boards must be equal; "me and my neighbours" is compared for every member on
    the all board and for one member (a different one each time) on the others."""
    sql = sql_backend()
    combinations = itertools.product(boards, leaderboards.PERIODS, (False, True))
    for i, (board, period, include_hidden) in enumerate(combinations):
        label = (board.name, period, include_hidden)
        sizes = (100, 3) if board == ALL else (100,)
        for n in sizes:
            assert redis_backend.top(board, period, n, include_hidden=include_hidden) == sql.top(
                board, period, n, include_hidden=include_hidden
            ), (*label, n)
        for member in members if board == ALL else [members[i % len(members)]]:
            assert redis_backend.around(board, period, member.pk, include_hidden=include_hidden) == sql.around(
                board, period, member.pk, include_hidden=include_hidden
            ), (*label, member.pk)


def _snapshot(backend, boards):
    keys = backend.current_keys(b.name for b in boards)
    return {key: backend.client.zrange(key, 0, -1, withscores=True) for key in keys}


@pytest.mark.clock
@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    member_specs=st.lists(member_strategy, min_size=1, max_size=8),
    awards=st.lists(award_strategy, max_size=14),
    corrections=st.lists(correction_strategy, max_size=4),
)
def test_redis_gives_the_same_boards_as_sql_for_random_ledgers(
    redis_url, django_capture_on_commit_callbacks, member_specs, awards, corrections
):
    prefix = f"lbtest:{uuid.uuid4().hex[:12]}"
    savepoint = transaction.savepoint()
    try:
        with override_settings(LEADERBOARD_KEY_PREFIX=prefix):
            ledger = Ledger(django_capture_on_commit_callbacks)
            departments = [DepartmentFactory(name=f"Dept {i}") for i in range(2)]
            locations = [LocationFactory(name=f"Place {i}") for i in range(2)]
            members = [
                MemberFactory(
                    department=None if d is None else departments[d],
                    location=None if loc is None else locations[loc],
                    leaderboard_visibility=visibility,
                )
                for d, loc, visibility, _change in member_specs
            ]
            now = timezone.now()
            for i, (who, points, days_ago, boards) in enumerate(awards):
                when = now - datetime.timedelta(days=days_ago, minutes=i)
                ledger.award(members[who % len(members)], points, when=when, boards=boards)
            for who, points in corrections:
                ledger.correct(members[who % len(members)], points)

            backend = _redis_backend(redis_url, prefix)
            boards = _all_boards(departments, locations)
            _assert_same_boards(backend, members, boards)

            # Changes after the fact: set_visibility puts members where they now belong.
            changed = False
            for member, (_d, _loc, _visibility, change) in zip(members, member_specs, strict=True):
                if change is None:
                    continue
                changed = True
                if change == "inactive":
                    member.is_active = False
                elif change == "move":
                    member.department = departments[1] if member.department_id == departments[0].pk else departments[0]
                    member.location = None
                else:
                    member.leaderboard_visibility = change
                member.save(update_fields=["is_active", "department", "location", "leaderboard_visibility"])
                backend.set_visibility(member.pk)
            if changed:
                _assert_same_boards(backend, members, boards)

            # A rebuild from the ledger gives exactly the live index.
            live = _snapshot(backend, boards)
            backend.rebuild()
            assert _snapshot(backend, boards) == live
    finally:
        transaction.savepoint_rollback(savepoint)
        _delete_prefix(redis_url, prefix)


# --- Redis: retries, rebuilds, drift, outage ---------------------------------------------------


def _small_ledger(ledger):
    sales = DepartmentFactory(name="Sales")
    members = [MemberFactory(department=sales) for _ in range(5)]
    members[4].leaderboard_visibility = HIDDEN
    members[4].save(update_fields=["leaderboard_visibility"])
    for member, points in zip(members, (5, 3, 3, 1, 2), strict=True):
        ledger.award(member, points, boards=["challenge-4"])
    ledger.award(members[3], 2, when=timezone.now() - datetime.timedelta(days=40))
    return sales, members


def test_indexing_an_entry_twice_counts_it_once(redis_url, key_prefix, ledger):
    backend = _redis_backend(redis_url, key_prefix)
    member = MemberFactory()
    entry = ledger.award(member, 5, boards=["challenge-2"])
    assert backend.index_entry(entry.pk) is False  # already indexed after commit
    assert backend.index_entry(entry.pk) is False
    assert points_of(backend.top(ALL, "all", 10)) == [(1, member.pk, 5)]
    assert points_of(backend.top(parse_board("challenge-2"), "week", 10)) == [(1, member.pk, 5)]
    assert backend.index_entry(entry.pk + 10_000) is False  # an entry that was rolled back


@pytest.mark.clock
def test_rebuild_from_scratch_equals_the_live_index(redis_url, key_prefix, ledger):
    backend = _redis_backend(redis_url, key_prefix)
    sales, members = _small_ledger(ledger)
    boards = [
        ALL,
        BoardKey("department", sales.pk),
        BoardKey("location", members[0].location_id),
        parse_board("challenge-4"),
    ]
    live = _snapshot(backend, boards)
    assert live[backend.key("all", "all", "everyone")]
    for key in backend.client.scan_iter(match=f"{key_prefix}:*"):
        backend.client.delete(key)
    assert not backend.is_ready()

    call_command("rebuild_leaderboards")

    assert backend.is_ready()
    assert _snapshot(backend, boards) == live
    _assert_same_boards(backend, members, boards)
    # Rebuilding one board leaves the others alone and changes nothing.
    call_command("rebuild_leaderboards", "--board", "challenge-4")
    assert _snapshot(backend, boards) == live


@pytest.mark.clock
def test_indexed_keys_are_registered_and_week_and_month_keys_expire(redis_url, key_prefix, ledger):
    backend = _redis_backend(redis_url, key_prefix)
    member = MemberFactory()  # with a department and a location
    ledger.award(member, 5, boards=["challenge-2"])
    ledger.award(member, 3, boards=["challenge-2"])
    written = {k.decode() for k in backend.client.scan_iter(match=f"{key_prefix}:z:*")}
    assert len(written) == 4 * 3 * 2  # (all, department, location, challenge) x (all, week, month) x scopes
    assert written == {k.decode() for k in backend.client.smembers(backend.registry_key)}
    for key in written:
        _board, bucket_name, _scope = backend.parse_key(key)
        assert (backend.client.ttl(key) == -1) if bucket_name == "all" else (backend.client.ttl(key) > 0)
        assert backend.client.zscore(key, encode_member(member.pk)) == 8

    hidden = MemberFactory(leaderboard_visibility=HIDDEN, department=None, location=None)
    ledger.award(hidden, 4)
    keys = [backend.key("all", b, scope) for b in ("all",) for scope in ("everyone", "public")]
    assert [backend.client.zscore(key, encode_member(hidden.pk)) for key in keys] == [4, None]


def test_an_award_indexed_while_a_rebuild_runs_is_in_the_rebuilt_board(redis_url, key_prefix, ledger, monkeypatch):
    from gamification.leaderboards_redis import RedisBackend

    backend = _redis_backend(redis_url, key_prefix)
    early, late = MemberFactory(), MemberFactory()
    ledger.award(early, 5)
    read_ledger = RedisBackend._ledger_keyed_rows

    def read_then_award(self, boards):
        yield from read_ledger(self, boards)
        ledger.award(late, 7)  # after the ledger was read: only the delta key can carry it

    monkeypatch.setattr(RedisBackend, "_ledger_keyed_rows", read_then_award)
    backend.rebuild()
    assert points_of(backend.top(ALL, "all", 10)) == [(1, late.pk, 7), (2, early.pk, 5)]
    assert not list(backend.client.scan_iter(match=f"{key_prefix}:*:delta"))


def test_rebuild_command_checks_and_refuses_what_it_cannot_do(redis_url, key_prefix, ledger, settings):
    from io import StringIO

    from django.core.management import CommandError

    _small_ledger(ledger)
    out = StringIO()
    call_command("rebuild_leaderboards", "--check", stdout=out)  # nothing built yet: builds all
    call_command("rebuild_leaderboards", "--check", stdout=out)
    assert out.getvalue().splitlines()[-1].endswith("repaired: nothing.")
    with pytest.raises(CommandError, match="Unknown board"):
        call_command("rebuild_leaderboards", "--board", "nonsense")
    settings.REDIS_URL = ""
    with pytest.raises(CommandError, match="REDIS_URL"):
        call_command("rebuild_leaderboards")


@pytest.mark.clock
def test_compare_and_repair_fixes_drift(redis_url, key_prefix, ledger):
    backend = _redis_backend(redis_url, key_prefix)
    sales, members = _small_ledger(ledger)
    backend.rebuild()
    assert backend.compare_and_repair()["repaired"] == []

    backend.client.zincrby(backend.key("all", "all", "public"), 1000, "000000000042")  # garbage
    backend.client.zincrby(backend.key(f"department-{sales.pk}", "all", "everyone"), 7, backend_member(members[1]))
    backend.client.zrem(backend.key("challenge-4", backend_bucket("week"), "public"), backend_member(members[0]))
    result = backend.compare_and_repair()

    assert result["repaired"] == sorted(["all", f"department-{sales.pk}", "challenge-4"])
    assert backend.compare_and_repair()["repaired"] == []
    boards = [ALL, BoardKey("department", sales.pk), parse_board("challenge-4")]
    _assert_same_boards(backend, members, boards)
    # A sample checks fewer boards with the same rules.
    assert backend.compare_and_repair(sample=1)["repaired"] == []


def test_repair_without_a_built_index_rebuilds_everything(redis_url, key_prefix, ledger):
    from gamification import tasks

    _sales, members = _small_ledger(ledger)
    result = tasks.repair_leaderboards()
    assert result["repaired"] == ["*"]
    backend = _redis_backend(redis_url, key_prefix)
    assert backend.is_ready()
    assert tasks.repair_leaderboards()["repaired"] == []


def test_repair_task_is_a_no_op_without_redis(settings):
    from gamification import tasks

    settings.REDIS_URL = ""
    assert tasks.repair_leaderboards() == {}


def test_redis_outage_mid_run_keeps_recording_and_answers_from_sql(redis_url, key_prefix, ledger, caplog):
    from gamification.leaderboards_redis import FallbackBackend

    fallback = FallbackBackend.instance()
    assert leaderboards.get_backend() is fallback
    a, b = MemberFactory(), MemberFactory()
    ledger.award(a, 5)
    ledger.award(b, 3)
    fallback.redis.rebuild()
    live_client = fallback.redis.client
    redis_top = fallback.redis.top
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, a.pk, 5), (2, b.pk, 3)]

    # Redis goes away: a dead port fails every call.
    fallback.redis.client = _redis_client("redis://127.0.0.1:1/0")
    fallback.backoff = 60
    c = MemberFactory()
    with caplog.at_level(logging.WARNING, logger="gamification.leaderboards_redis"):
        entry = ledger.award(c, 9)
    assert PointsEntry.objects.filter(pk=entry.pk).exists()
    assert "unavailable" in caplog.text
    expected = [(1, c.pk, 9), (2, a.pk, 5), (3, b.pk, 3)]
    assert points_of(leaderboards.get_backend().top(ALL, "all", 10)) == expected
    payload = leaderboards.board_payload(ALL, "all", viewer=b)
    assert payload["me"]["rank"] == 3 and [r["points"] for r in payload["results"]] == [9, 5, 3]
    ledger.award(a, 1)  # during the back-off Redis is not even tried
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, c.pk, 9), (2, a.pk, 6), (3, b.pk, 3)]

    # Redis is back: what was missed is indexed (once) and boards come from Redis again.
    fallback.redis.client = live_client
    fallback._down_until = 0
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, c.pk, 9), (2, a.pk, 6), (3, b.pk, 3)]
    assert points_of(redis_top(ALL, "all", 10)) == [(1, c.pk, 9), (2, a.pk, 6), (3, b.pk, 3)]
    assert fallback.redis.compare_and_repair()["repaired"] == []


def test_boards_come_from_sql_until_the_index_is_built(redis_url, key_prefix, ledger):
    from gamification.leaderboards_redis import FallbackBackend

    a = MemberFactory()
    ledger.award(a, 4)
    fallback = FallbackBackend.instance()
    public = fallback.redis.key("all", "all", "public")
    fallback.redis.client.zincrby(public, 100, "000000000001")  # an index nobody built
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, a.pk, 4)]  # not ready: SQL
    assert fallback.around(ALL, "all", a.pk)[0] == Row(rank=1, member_id=a.pk, points=4)
    fallback.redis.rebuild()
    assert fallback.redis.is_ready()
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, a.pk, 4)]  # from Redis, rebuilt
    assert fallback.redis.client.zcard(public) == 1


def backend_member(member):
    from gamification.leaderboards_redis import encode_member

    return encode_member(member.pk)


def backend_bucket(period):
    from gamification.leaderboards_redis import bucket

    return bucket(period)
