"""What the board tests share: a ledger awarding through the real services, Redis clients of a
test's own keys, and comparisons of whole boards."""

import datetime
import itertools
import uuid

from django.utils import timezone

from gamification.leaderboards.boards import BoardKey
from gamification.leaderboards.periods import PERIODS
from gamification.leaderboards.redis_index import RedisBackend
from gamification.leaderboards.sql import sql_backend
from gamification.models import PointRule
from gamification.services.points import correct_points, record_action
from people.models import LeaderboardVisibility, Role
from tests.factories import DepartmentFactory, LocationFactory, MemberFactory

VISIBLE, ANONYMOUS, HIDDEN = (
    LeaderboardVisibility.VISIBLE,
    LeaderboardVisibility.ANONYMOUS,
    LeaderboardVisibility.HIDDEN,
)
ALL = BoardKey("all")


def redis_client(url):
    import redis

    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def delete_prefix(url, prefix):
    import redis

    try:
        client = redis_client(url)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except redis.RedisError:
        pass


def redis_backend(url, prefix) -> RedisBackend:
    return RedisBackend(redis_client(url), prefix=prefix)


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
            result = record_action(
                member=member, action=_rule(points), ref=f"ref:{uuid.uuid4()}", occurred_at=when, boards=boards
            )
        assert result.created, result.skipped
        return result.entry

    def correct(self, member, points):
        if self.master is None:
            self.master = MemberFactory(role=Role.MASTER)
        with self.capture(execute=True):
            return correct_points(member=member, points=points, reason="test", by=self.master)


def points_of(rows):
    return [(r.rank, r.member_id, r.points) for r in rows]


def all_boards(departments, locations):
    return [
        ALL,
        *(BoardKey("department", d.pk) for d in departments),
        *(BoardKey("location", loc.pk) for loc in locations),
        BoardKey("challenge", 1),
        BoardKey("challenge", 2),
    ]


def assert_same_boards(redis_backend, members, boards):
    """Whole boards must be equal; "me and my neighbours" is compared for every member on
    the all board and for one member (a different one each time) on the others."""
    sql = sql_backend()
    combinations = itertools.product(boards, PERIODS, (False, True))
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


def snapshot(backend, boards):
    keys = backend.current_keys(b.name for b in boards)
    return {key: backend.client.zrange(key, 0, -1, withscores=True) for key in keys}


def small_ledger(ledger):
    sales = DepartmentFactory(name="Sales")
    members = [MemberFactory(department=sales) for _ in range(5)]
    members[4].leaderboard_visibility = HIDDEN
    members[4].save(update_fields=["leaderboard_visibility"])
    for member, points in zip(members, (5, 3, 3, 1, 2), strict=True):
        ledger.award(member, points, boards=["challenge-4"])
    ledger.award(members[3], 2, when=timezone.now() - datetime.timedelta(days=40))
    return sales, members


def random_organisation(member_specs):
    """Two departments, two locations and a member per ``(department, location, visibility,
    _)`` spec (indexes into them, or None), as the random-ledger comparisons draw them."""
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
    return departments, locations, members
