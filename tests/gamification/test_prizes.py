"""The "best social media user" prize: formula scoring from a hand-built ledger, eligibility,
visibility, nominations, the published tie-break, closing (once, also concurrently), the
jury step, the Celery task, permissions, the API and the wall of fame."""

import datetime
import itertools
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gamification import leaderboards, prizes, tasks
from gamification.models import (
    BadgeAward,
    BadgeClass,
    BadgeCriterion,
    Nomination,
    PointRule,
    PointsEntry,
    PrizePeriod,
    PrizeStatus,
    PrizeWinner,
)
from gamification.services import record_action
from people.models import LeaderboardVisibility, Notification, Role
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db

RULES = {
    "story_approved": 10,
    "story_shared": 5,
    "share_click": 1,
    "session_attended": 5,
    "lesson_completed": 10,
    "quiz_passed": 5,
    "prize_won": 100,
}
FORMULA = {"story_approved": 10, "story_shared": 5, "share_click": 1, "session_attended": 5, "lesson_completed": 2}
_refs = itertools.count()


@pytest.fixture(autouse=True)
def rules(db):
    # Transactional tests flush the data migration's rules, so (re)create what we use.
    for action, points in RULES.items():
        PointRule.objects.update_or_create(action=action, defaults={"label": action, "points": points, "active": True})


def now():
    return timezone.now()


def make_period(**kwargs) -> PrizePeriod:
    defaults = {
        "title": "Q prize",
        "starts_at": now() - datetime.timedelta(days=30),
        "ends_at": now() + datetime.timedelta(days=30),
        "formula": dict(FORMULA),
    }
    departments = kwargs.pop("departments", ())
    period = PrizePeriod.objects.create(**{**defaults, **kwargs})
    if departments:
        period.departments.set(departments)
    return period


def act(member, action, when=None, times=1):
    for _ in range(times):
        award = record_action(member, action, ref=f"test:{next(_refs)}", occurred_at=when or now())
        assert award.created, award.skipped


def scores(period, include_hidden=True):
    return {
        row["member_id"]: row["points"]
        for row in prizes.score_queryset(prize_id=period.pk, include_hidden=include_hidden)
    }


# --- scoring -------------------------------------------------------------------------------


@pytest.mark.clock
def test_formula_counts_actions_inside_the_period_times_their_weight():
    period = make_period()
    a, b, c = MemberFactory(), MemberFactory(), MemberFactory()
    inside = period.starts_at + datetime.timedelta(days=1)
    act(a, "story_approved", inside, times=2)  # 2 × 10
    act(a, "share_click", inside, times=3)  # 3 × 1
    act(a, "lesson_completed", inside)  # 1 × 2 (the formula's weight, not the rule's 10 points)
    act(a, "quiz_passed", inside)  # not in the formula
    act(a, "story_approved", period.starts_at - datetime.timedelta(seconds=1))  # before
    act(a, "story_approved", period.ends_at)  # the end is exclusive
    act(b, "session_attended", period.starts_at)  # the start is inclusive
    act(c, "quiz_passed", inside)  # nothing that counts: not listed
    assert scores(period) == {a.pk: 25, b.pk: 5}
    rows = list(prizes.score_queryset(prize_id=period.pk, include_hidden=False))
    assert all(set(row) == {"member_id", "points"} for row in rows)


def test_the_sql_leaderboard_ranks_the_prize_board_from_the_score_queryset():
    period = make_period()
    a, b = MemberFactory(), MemberFactory()
    act(a, "story_shared", now() - datetime.timedelta(days=1))
    act(b, "story_approved", now() - datetime.timedelta(days=1))
    key = leaderboards.parse_board(f"prize-{period.pk}")
    top = leaderboards.sql_backend().top(key, "all", 10)
    assert [(r.rank, r.member_id, r.points) for r in top] == [(1, b.pk, 10), (2, a.pk, 5)]
    me, _neighbours = leaderboards.sql_backend().around(key, "all", a.pk)
    assert me.rank == 2


def test_nominations_add_their_weight_without_multiplying_ledger_rows():
    period = make_period(nomination_weight=7)
    star, only_nominated = MemberFactory(), MemberFactory()
    act(star, "story_shared", now() - datetime.timedelta(days=1), times=3)  # 15
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
        act(member, "story_shared", now() - datetime.timedelta(days=1))
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    everyone = make_period()
    sales_only = make_period(departments=[sales])
    assert set(scores(everyone)) == {seller.pk, engineer.pk}
    assert set(scores(sales_only)) == {seller.pk}
    assert prizes.is_eligible(sales_only, seller) and not prizes.is_eligible(sales_only, engineer)


def test_hidden_members_are_left_off_public_standings_but_masters_see_them(client):
    period = make_period()
    hidden = MemberFactory(leaderboard_visibility=LeaderboardVisibility.HIDDEN)
    visible = MemberFactory()
    act(hidden, "story_approved", now() - datetime.timedelta(days=1))
    act(visible, "story_shared", now() - datetime.timedelta(days=1))
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


def test_an_unknown_prize_is_a_does_not_exist_and_a_404(api):
    with pytest.raises(PrizePeriod.DoesNotExist):
        prizes.score_queryset(prize_id=999999, include_hidden=False)
    with pytest.raises(Http404):
        prizes.score_queryset(prize_id=999999, include_hidden=False)
    assert api.get("/api/v1/prizes/999999/").status_code == 404


# --- tie-break -----------------------------------------------------------------------------


def test_equal_scores_are_decided_by_nominations_then_who_reached_the_score_first_then_shared():
    period = make_period(nomination_weight=5)
    start = period.starts_at
    nominated, plain = MemberFactory(), MemberFactory()
    early, late = MemberFactory(), MemberFactory()
    twin_a, twin_b = MemberFactory(), MemberFactory()
    # 20 points each: one nomination (5) + 15 of actions versus 20 of actions.
    act(nominated, "story_shared", start + datetime.timedelta(days=1), times=3)
    Nomination.objects.create(period=period, nominator=MemberFactory(), nominee=nominated, reason="Yes")
    Nomination.objects.filter(nominee=nominated).update(created_at=start + datetime.timedelta(days=1))
    act(plain, "story_approved", start + datetime.timedelta(days=1), times=2)
    # 10 points each, same nominations (none): the one who got there first wins.
    act(early, "story_approved", start + datetime.timedelta(days=2))
    act(late, "story_shared", start + datetime.timedelta(days=1))
    act(late, "story_shared", start + datetime.timedelta(days=3))
    # 5 points each, reached at the same moment: a real tie, listed by member id.
    same = start + datetime.timedelta(days=4)
    act(twin_b, "story_shared", same)
    act(twin_a, "story_shared", same)

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


# --- nominations ---------------------------------------------------------------------------


def test_nominations_one_per_member_no_self_reason_required_and_only_while_open():
    period = make_period(nomination_weight=3)
    nominator, nominee, other = MemberFactory(), MemberFactory(), MemberFactory()
    with pytest.raises(prizes.NominationRefused, match="yourself"):
        prizes.nominate(period=period, nominator=nominator, nominee=nominator, reason="Me!")
    with pytest.raises(prizes.NominationRefused):
        prizes.nominate(period=period, nominator=nominator, nominee=nominee, reason="   ")
    with pytest.raises(prizes.NominationRefused):
        prizes.nominate(period=period, nominator=nominator, nominee=nominee, reason="x" * 1001)
    nomination = prizes.nominate(period=period, nominator=nominator, nominee=nominee, reason=" Always helpful ")
    assert nomination.reason == "Always helpful"
    with pytest.raises(prizes.AlreadyNominated):
        prizes.nominate(period=period, nominator=nominator, nominee=other, reason="Also great")
    assert Nomination.objects.filter(period=period, nominator=nominator).count() == 1

    elsewhere = MemberFactory(department=DepartmentFactory(name="Elsewhere"))
    restricted = make_period(nomination_weight=3, departments=[DepartmentFactory(name="Only")])
    with pytest.raises(prizes.NominationRefused, match="not eligible"):
        prizes.nominate(period=restricted, nominator=nominator, nominee=elsewhere, reason="Good")

    off = make_period(nomination_weight=0)
    with pytest.raises(prizes.NominationRefused):
        prizes.nominate(period=off, nominator=nominator, nominee=nominee, reason="Good")

    prizes.close_period(period=period)
    with pytest.raises(prizes.NotOpen):
        prizes.nominate(period=period, nominator=other, nominee=nominee, reason="Too late")
    ended = make_period(
        nomination_weight=3, starts_at=now() - datetime.timedelta(days=9), ends_at=now() - datetime.timedelta(days=1)
    )
    with pytest.raises(prizes.NotOpen):
        prizes.nominate(period=ended, nominator=other, nominee=nominee, reason="Too late")


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


# --- closing -------------------------------------------------------------------------------


def _scored_members(period, points_list):
    members = []
    for index, points in enumerate(points_list):
        member = MemberFactory()
        when = period.starts_at + datetime.timedelta(hours=index + 1)
        act(member, "share_click", when, times=points)
        members.append(member)
    return members


def test_closing_fixes_standings_picks_and_rewards_the_winners_once(django_capture_on_commit_callbacks):
    badge = BadgeClass.objects.create(
        slug="best-social", name="Beste social media gebruiker", description="Won", criterion=BadgeCriterion.MANUAL
    )
    period = make_period(winners_count=2, badge=badge)
    first, second, third = _scored_members(period, [5, 3, 1])
    master = MemberFactory(role=Role.MASTER)
    with django_capture_on_commit_callbacks(execute=True):
        closed = prizes.close_period(period=period, by=master)
    assert closed.status == PrizeStatus.JUDGED and closed.closed_at is not None
    assert closed.ends_at <= timezone.now()  # closed early: the period ends now
    assert [(r["rank"], r["member_id"], r["score"]) for r in closed.standings] == [
        (1, first.pk, 5),
        (2, second.pk, 3),
        (3, third.pk, 1),
    ]
    winners = list(PrizeWinner.objects.filter(period=period).order_by("rank"))
    assert [(w.member_id, w.rank, w.score) for w in winners] == [(first.pk, 1, 5), (second.pk, 2, 3)]
    for member in (first, second):
        assert PointsEntry.objects.filter(member=member, action="prize_won", ref=f"prize:{period.pk}").count() == 1
        assert Notification.objects.filter(member=member, kind="prize_won").count() == 1
        assert BadgeAward.objects.filter(member=member, badge=badge).count() == 1
    assert not PointsEntry.objects.filter(member=third, action="prize_won").exists()

    # Later activity changes nothing: the standings are fixed. Closing again awards nothing.
    act(third, "story_approved", timezone.now() - datetime.timedelta(seconds=1), times=3)
    again = prizes.close_period(period=period, by=master)
    assert again.standings == closed.standings
    assert prizes.close_due_periods(now=timezone.now() + datetime.timedelta(days=365)) == 0
    assert PrizeWinner.objects.filter(period=period).count() == 2
    assert PointsEntry.objects.filter(action="prize_won").count() == 2
    assert Notification.objects.filter(kind="prize_won").count() == 2


def test_a_tie_at_the_cut_off_includes_everyone_tied_and_the_wall_says_tie(client):
    period = make_period(winners_count=1)
    a, b, c = MemberFactory(), MemberFactory(), MemberFactory()
    same = period.starts_at + datetime.timedelta(days=1)
    act(a, "story_shared", same)
    act(b, "story_shared", same)
    act(c, "share_click", same)
    prizes.close_period(period=period)
    assert set(PrizeWinner.objects.filter(period=period).values_list("member_id", "rank")) == {(a.pk, 1), (b.pk, 1)}
    wall = prizes.wall_of_fame(viewer=c)
    assert [w["tie"] for w in wall[0]["winners"]] == [True, True]
    client.force_login(c)
    page = client.get("/prizes/wall-of-fame/").content.decode()
    assert a.name in page and b.name in page and page.count('<span class="tag">tie</span>') == 2


def test_nobody_scored_means_no_winner():
    period = make_period()
    closed = prizes.close_period(period=period)
    assert closed.status == PrizeStatus.JUDGED and closed.standings == []
    assert not PrizeWinner.objects.exists()


# --- jury ----------------------------------------------------------------------------------


def test_the_jury_confirms_winners_from_the_top_candidates_with_a_motivation():
    period = make_period(jury=True, winners_count=1)
    members = _scored_members(period, [9, 8, 7, 6, 5, 4, 3])  # top 5 are candidates
    master = MemberFactory(role=Role.MASTER)
    with pytest.raises(prizes.NotOpen):
        prizes.confirm_winners(period=period, by=master, winners=[(members[0].pk, "Best")])
    closed = prizes.close_period(period=period)
    assert closed.status == PrizeStatus.CLOSED
    assert not PrizeWinner.objects.exists()
    assert Notification.objects.filter(member=master, kind="prize_jury").count() == 1
    assert [c["member_id"] for c in prizes.candidates(closed)] == [m.pk for m in members[:5]]

    with pytest.raises(PermissionDenied):
        prizes.confirm_winners(period=closed, by=MemberFactory(), winners=[(members[0].pk, "Best")])
    with pytest.raises(prizes.JuryRefused):
        prizes.confirm_winners(period=closed, by=master, winners=[(members[5].pk, "Not a candidate")])
    with pytest.raises(prizes.JuryRefused):
        prizes.confirm_winners(period=closed, by=master, winners=[(members[2].pk, "  ")])
    with pytest.raises(prizes.JuryRefused):
        prizes.confirm_winners(period=closed, by=master, winners=[(members[1].pk, "A"), (members[2].pk, "B")])
    assert PrizePeriod.objects.get(pk=period.pk).status == PrizeStatus.CLOSED

    judged = prizes.confirm_winners(period=closed, by=master, winners=[(members[2].pk, "Inspired the whole team")])
    assert judged.status == PrizeStatus.JUDGED
    winner = PrizeWinner.objects.get(period=period)
    assert (winner.member_id, winner.rank, winner.score, winner.motivation, winner.confirmed_by_id) == (
        members[2].pk,
        1,
        7,
        "Inspired the whole team",
        master.pk,
    )
    # A double submit changes nothing.
    prizes.confirm_winners(period=judged, by=master, winners=[(members[0].pk, "Other")])
    assert list(PrizeWinner.objects.values_list("member_id", flat=True)) == [members[2].pk]
    assert PointsEntry.objects.filter(action="prize_won").count() == 1


def test_the_jury_form_confirms_through_the_page(client):
    period = make_period(jury=True)
    members = _scored_members(period, [3, 2])
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


# --- Celery --------------------------------------------------------------------------------


@pytest.mark.clock
def test_close_due_prizes_closes_only_periods_past_their_end():
    due = make_period(starts_at=now() - datetime.timedelta(days=90), ends_at=now() - datetime.timedelta(minutes=1))
    running = make_period()
    member = MemberFactory()
    act(member, "story_approved", due.starts_at + datetime.timedelta(days=1))
    assert tasks.close_due_prizes.delay().get() == 1
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.status == PrizeStatus.JUDGED and running.status == PrizeStatus.OPEN
    assert due.ends_at < now()  # not moved
    assert PrizeWinner.objects.get(period=due).member == member
    assert tasks.close_due_prizes.delay().get() == 0


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs", [{"role": Role.AMBASSADOR}, {"role": Role.EDITOR}, {"role": Role.CREATOR, "is_hr": True}]
)
def test_only_masters_close_and_confirm(client, kwargs):
    period = make_period()
    jury_period = make_period(jury=True)
    (member,) = _scored_members(jury_period, [2])
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
    with pytest.raises(PermissionDenied):
        prizes.close_period(period=period, by=MemberFactory(**kwargs))


def test_a_master_closes_from_the_page(client):
    period = make_period()
    _scored_members(period, [1])
    client.force_login(MemberFactory(role=Role.MASTER))
    assert "Close now" in client.get(f"/prizes/{period.pk}/").content.decode()
    assert client.post(f"/prizes/{period.pk}/close/").status_code == 302
    assert PrizePeriod.objects.get(pk=period.pk).status == PrizeStatus.JUDGED


# --- pages and API -------------------------------------------------------------------------


@pytest.mark.clock
def test_the_overview_shows_formula_tie_break_countdown_standings_and_my_place(client):
    make_period(title="Best of Q1")
    me, leader = MemberFactory(), MemberFactory()
    act(leader, "story_approved", now() - datetime.timedelta(days=1))
    act(me, "story_shared", now() - datetime.timedelta(days=1))
    client.force_login(me)
    response = client.get("/prizes/")
    assert response.status_code == 200
    page = response.content.decode()
    rule = PointRule.objects.filter(action="story_approved").first()  # created by challenges' migration
    label = str(rule.display_label) if rule else "story_approved"
    for text in ("Best of Q1", 'data-testid="prize-formula"', 'data-testid="countdown"', label):
        assert text in page
    assert str(prizes.TIE_BREAK)[:40] in page
    assert response.context["board"].me["rank"] == 2
    assert [r["member"]["id"] for r in response.context["board"].results] == [leader.pk, me.pk]


def _judged(winners_count):
    period = make_period(title=f"{winners_count} winners", winners_count=winners_count)
    _scored_members(period, list(range(winners_count, 0, -1)))
    return prizes.close_period(period=period)


def _count(api, url):
    api.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries), response.json()


def test_api_lists_and_shows_prizes_with_constant_queries(api, member):
    small = _judged(2)
    list_small, body = _count(api, "/api/v1/prizes/")
    detail_small, detail = _count(api, f"/api/v1/prizes/{small.pk}/")
    assert body["results"][0]["id"] == small.pk
    assert len(body["results"][0]["winners"]) == 2
    assert body["results"][0]["tie_break"] and body["results"][0]["formula"] == FORMULA
    assert [w["rank"] for w in detail["winners"]] == [1, 2]
    assert len(detail["standings"]["results"]) == 2 and detail["standings"]["me"] is None

    large = _judged(10)
    list_large, body = _count(api, "/api/v1/prizes/")
    detail_large, detail = _count(api, f"/api/v1/prizes/{large.pk}/")
    assert [len(p["winners"]) for p in body["results"]] == [10, 2] or [len(p["winners"]) for p in body["results"]] == [
        2,
        10,
    ]
    assert len(detail["standings"]["results"]) == 10
    assert list_small == list_large
    assert detail_small == detail_large


def test_api_detail_of_an_open_period_has_live_standings_and_me(api, member):
    period = make_period()
    anonymous = MemberFactory(leaderboard_visibility=LeaderboardVisibility.ANONYMOUS)
    act(anonymous, "story_approved", now() - datetime.timedelta(days=1))
    act(member, "story_shared", now() - datetime.timedelta(days=1))
    body = api.get(f"/api/v1/prizes/{period.pk}/").json()
    assert body["status"] == "open"
    assert body["standings"]["results"][0]["member"] == {"id": None, "name": "Anonymous ambassador"}
    assert body["standings"]["me"]["rank"] == 2 and body["standings"]["me"]["score"] == 5
    board = api.get(f"/api/v1/leaderboards/prize-{period.pk}/").json()
    assert [r["points"] for r in board["results"]] == [10, 5]


def test_api_needs_a_signed_in_member(anon_api):
    assert anon_api.get("/api/v1/prizes/").status_code in (401, 403)


def test_wall_of_fame_lists_past_winners_newest_first_with_constant_queries(client, member):
    old = _judged(1)
    PrizePeriod.objects.filter(pk=old.pk).update(ends_at=old.ends_at - datetime.timedelta(days=100))
    new = _judged(2)
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


@pytest.mark.clock
def test_the_admin_add_form_defaults_to_the_current_quarter(client):
    client.force_login(MemberFactory(role=Role.MASTER))
    response = client.get("/admin/snippets/gamification/prizeperiod/add/")
    assert response.status_code == 200
    start, end = prizes.default_quarter()
    form = response.context["form"]
    assert form.initial["starts_at"] == start and form.initial["ends_at"] == end


# --- concurrency (PostgreSQL) --------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_closing_concurrently_awards_once(require_postgres):
    period = make_period(winners_count=2)
    _scored_members(period, [4, 2, 1])
    barrier = threading.Barrier(6)
    errors = []

    def run():
        try:
            barrier.wait()
            prizes.close_period(period=period)
        except Exception as exc:  # re-raised in the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert PrizeWinner.objects.filter(period=period).count() == 2
    assert PointsEntry.objects.filter(action="prize_won").count() == 2
    assert Notification.objects.filter(kind="prize_won").count() == 2


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
