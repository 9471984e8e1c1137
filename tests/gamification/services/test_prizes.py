"""The prize: nominations, closing (once, also concurrently), the jury step."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from core.errors import NotAllowed
from gamification.errors import AlreadyNominated, JuryRefused, NominationRefused, NotOpen
from gamification.models import (
    BadgeAward,
    BadgeCriterion,
    Nomination,
    PointsEntry,
    PrizePeriod,
    PrizeStatus,
    PrizeWinner,
)
from gamification.selectors import prizes as prize_reads
from gamification.services import prizes
from people.models import Notification, Role
from tests.factories import DepartmentFactory, MemberFactory
from tests.gamification.factories import BadgeFactory
from tests.gamification.helpers import act, make_period, now, scored_members

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("prize_rules")]


def test_nominations_one_per_member_no_self_reason_required_and_only_while_open():
    period = make_period(nomination_weight=3)
    nominator, nominee, other = MemberFactory(), MemberFactory(), MemberFactory()
    with pytest.raises(NominationRefused, match="yourself"):
        prizes.nominate(period=period, nominator=nominator, nominee=nominator, reason="Me!")
    with pytest.raises(NominationRefused):
        prizes.nominate(period=period, nominator=nominator, nominee=nominee, reason="   ")
    with pytest.raises(NominationRefused):
        prizes.nominate(period=period, nominator=nominator, nominee=nominee, reason="x" * 1001)
    nomination = prizes.nominate(period=period, nominator=nominator, nominee=nominee, reason=" Always helpful ")
    assert nomination.reason == "Always helpful"
    with pytest.raises(AlreadyNominated):
        prizes.nominate(period=period, nominator=nominator, nominee=other, reason="Also great")
    assert Nomination.objects.filter(period=period, nominator=nominator).count() == 1

    elsewhere = MemberFactory(department=DepartmentFactory(name="Elsewhere"))
    restricted = make_period(nomination_weight=3, departments=[DepartmentFactory(name="Only")])
    with pytest.raises(NominationRefused, match="not eligible"):
        prizes.nominate(period=restricted, nominator=nominator, nominee=elsewhere, reason="Good")

    hidden = MemberFactory(leaderboard_visibility="hidden")
    with pytest.raises(NominationRefused, match="not eligible"):
        prizes.nominate(period=period, nominator=other, nominee=hidden, reason="Good")

    off = make_period(nomination_weight=0)
    with pytest.raises(NominationRefused):
        prizes.nominate(period=off, nominator=nominator, nominee=nominee, reason="Good")

    prizes.close_period(period=period)
    with pytest.raises(NotOpen):
        prizes.nominate(period=period, nominator=other, nominee=nominee, reason="Too late")
    ended = make_period(
        nomination_weight=3, starts_at=now() - datetime.timedelta(days=9), ends_at=now() - datetime.timedelta(days=1)
    )
    with pytest.raises(NotOpen):
        prizes.nominate(period=ended, nominator=other, nominee=nominee, reason="Too late")


# --- closing -------------------------------------------------------------------------------


def test_closing_fixes_standings_picks_and_rewards_the_winners_once(django_capture_on_commit_callbacks):
    badge = BadgeFactory(
        slug="best-social", name="Beste social media gebruiker", description="Won", criterion=BadgeCriterion.MANUAL
    )
    period = make_period(winners_count=2, badge=badge)
    first, second, third = scored_members(period, [5, 3, 1])
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
    act(third, "story_approved", occurred_at=timezone.now() - datetime.timedelta(seconds=1), times=3)
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
    act(a, "story_shared", occurred_at=same)
    act(b, "story_shared", occurred_at=same)
    act(c, "share_click", occurred_at=same)
    prizes.close_period(period=period)
    assert set(PrizeWinner.objects.filter(period=period).values_list("member_id", "rank")) == {(a.pk, 1), (b.pk, 1)}
    wall = prize_reads.wall_of_fame(viewer=c)
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
    members = scored_members(period, [9, 8, 7, 6, 5, 4, 3])  # top 5 are candidates
    master = MemberFactory(role=Role.MASTER)
    with pytest.raises(NotOpen):
        prizes.confirm_winners(period=period, by=master, winners=[(members[0].pk, "Best")])
    closed = prizes.close_period(period=period)
    assert closed.status == PrizeStatus.CLOSED
    assert not PrizeWinner.objects.exists()
    assert Notification.objects.filter(member=master, kind="prize_jury").count() == 1
    assert [c["member_id"] for c in prize_reads.candidates(closed)] == [m.pk for m in members[:5]]

    with pytest.raises(NotAllowed):
        prizes.confirm_winners(period=closed, by=MemberFactory(), winners=[(members[0].pk, "Best")])
    with pytest.raises(JuryRefused):
        prizes.confirm_winners(period=closed, by=master, winners=[(members[5].pk, "Not a candidate")])
    with pytest.raises(JuryRefused):
        prizes.confirm_winners(period=closed, by=master, winners=[(members[2].pk, "  ")])
    with pytest.raises(JuryRefused):
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


# --- concurrency (PostgreSQL) --------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_closing_concurrently_awards_once(require_postgres):
    period = make_period(winners_count=2)
    scored_members(period, [4, 2, 1])
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
