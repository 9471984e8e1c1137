"""Period totals per board (``BoardTotal``): kept with the ledger line in its transaction, on
both paths of ``record_action``, for corrections too, right under concurrent awards, and
rebuilt from the ledger by a command."""

import datetime
import threading
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from gamification.leaderboards.periods import day_buckets
from gamification.models import BoardTotal, PointsEntry
from gamification.services.board_totals import keys_for
from gamification.services.points import correct_points, record_action
from people.models import Role
from tests.factories import MemberFactory
from tests.gamification.factories import PointRuleFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _totals(member):
    return {(t.board, t.bucket): t.points for t in BoardTotal.objects.filter(member=member)}


@pytest.mark.parametrize(
    ("local", "week", "month"),
    [
        (datetime.datetime(2027, 3, 1, 0, 30), "w2027-03-01", "m2027-03"),  # Monday 00:30: Sunday in UTC
        (datetime.datetime(2027, 2, 28, 23, 59), "w2027-02-22", "m2027-02"),
        (datetime.datetime(2028, 2, 29, 12, 0), "w2028-02-28", "m2028-02"),  # leap day
        (datetime.datetime(2027, 10, 31, 2, 30, fold=1), "w2027-10-25", "m2027-10"),  # the second 02:30
        (datetime.datetime(2027, 12, 31, 23, 30), "w2027-12-27", "m2027-12"),
    ],
)
def test_a_line_counts_in_the_local_week_and_month_it_happened_in(local, week, month):
    at = local.replace(tzinfo=AMSTERDAM).astimezone(datetime.UTC)
    assert keys_for(at, ["challenge-2", "department-3", "prize-1", "all"]) == sorted(
        [("all", week), ("all", month), ("challenge-2", "all"), ("challenge-2", week), ("challenge-2", month)]
    )


@pytest.mark.parametrize("daily_cap", [None, 100], ids=["one-statement", "portable"])
def test_awards_duplicates_rollbacks_and_corrections_keep_the_totals(daily_cap, django_capture_on_commit_callbacks):
    PointRuleFactory(action="shared", points=5, daily_cap=daily_cap)
    member, master = MemberFactory(), MemberFactory(role=Role.MASTER)
    with django_capture_on_commit_callbacks(execute=True):
        entry = record_action(member=member, action="shared", ref="a", boards=["challenge-7", "prize-2"]).entry
        record_action(member=member, action="shared", ref="a", boards=["challenge-7"])  # a retry: once
        with pytest.raises(RuntimeError), transaction.atomic():
            record_action(member=member, action="shared", ref="b", boards=["challenge-7"])
            raise RuntimeError  # rolled back: counted nowhere
        correct_points(member=member, points=-7, reason="double counted", by=master)
    week, month = day_buckets(timezone.localtime(entry.occurred_at).date())
    assert _totals(member) == {
        ("all", week): -2,
        ("all", month): -2,
        ("challenge-7", "all"): 5,
        ("challenge-7", week): 5,
        ("challenge-7", month): 5,
    }


@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_to_one_member_are_all_counted(require_postgres):
    PointRuleFactory(action="racing", points=3)
    PointRuleFactory(action="racing_capped", points=2, daily_cap=1000)
    member = MemberFactory()
    start = threading.Barrier(4)
    errors = []

    def award(n):
        try:
            start.wait(10)
            for i in range(10):
                action = "racing" if (n + i) % 2 else "racing_capped"
                record_action(member=member, action=action, ref=f"{n}:{i}", boards=["challenge-1"])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=award, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    earned = sum(PointsEntry.objects.filter(member=member).values_list("points", flat=True))
    assert earned == 4 * (5 * 3 + 5 * 2)
    totals = _totals(member)
    assert [points for (board, bucket), points in totals.items() if bucket.startswith("w")] == [earned, earned]
    assert totals[("challenge-1", "all")] == earned


def test_the_command_rebuilds_the_totals_from_the_ledger(ledger):
    members = [MemberFactory() for _ in range(3)]
    for i, member in enumerate(members):
        ledger.award(member, 2 + i, boards=["challenge-4"])
    ledger.award(members[0], 3, when=timezone.now() - datetime.timedelta(days=40))
    kept = sorted(BoardTotal.objects.values_list("member_id", "board", "bucket", "points"))
    BoardTotal.objects.filter(member=members[1]).delete()
    BoardTotal.objects.filter(member=members[0]).update(points=99)
    out = StringIO()
    call_command("rebuild_board_totals", stdout=out)
    assert sorted(BoardTotal.objects.values_list("member_id", "board", "bucket", "points")) == kept
    assert f"{len(kept)} rows" in out.getvalue()
