"""The set-based badge sweep against the per-member evaluation: on random ledgers (every
criterion, periods, specific refs, levels, streaks, revoked and earlier awards, inactive
members and members without points, members with and without e-mail, in or out of office
hours, in Dutch or English) it awards exactly what ``evaluate_for`` member by member awarded,
notifies the same members once with the same live pushes and e-mails, and a second run
changes nothing. Its queries and e-mail tasks do not grow with the members it awards, and a
broker that is away loses no award and no e-mail."""

import datetime
import random
from collections import Counter
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.queue import _task
from gamification.models import BadgeAward, BadgeCriterion, Level, PointRule
from gamification.services import badge_evaluation, badge_sweep
from gamification.services.badges import assertion_path, assertion_paths, award
from people.models import Notification
from people.services import notifications
from tests.factories import MemberFactory
from tests.gamification.factories import BadgeFactory
from tests.gamification.helpers import act

pytestmark = pytest.mark.django_db

ACTIONS = ["lesson_completed", "story_shared", "course_completed", "path_completed", "challenge_won"]


class _Undo(Exception):
    pass


def _state() -> tuple[set, set]:
    awards = set(BadgeAward.objects.values_list("member_id", "badge_id", "revoked_at"))
    news = Notification.objects.filter(kind="badge_awarded").values_list(
        "member_id", "dedupe_key", "title", "body", "email_due_at", "emailed_at"
    )
    return awards, {(m, k, title, body, due is not None, sent is not None) for m, k, title, body, due, sent in news}


class _Layer:
    """The channel layer, recording what is pushed to members' open pages."""

    def __init__(self):
        self.sent = []

    async def group_send(self, group, message):
        self.sent.append((group, message))


def _told(layer: _Layer) -> tuple[Counter, Counter]:
    """The live pushes of badge news (group, title) and the e-mails (to, subject) sent."""
    pushes = Counter(
        (group, message["latest"]["title"])
        for group, message in layer.sent
        if message.get("latest", {}).get("kind") == "badge_awarded"
    )
    return pushes, Counter((tuple(email.to), email.subject) for email in mail.outbox)


def _email_task():
    return _task("people.tasks.send_notification_emails")


def random_programme(seed: int):
    rng = random.Random(seed)
    for action in ACTIONS:
        PointRule.objects.update_or_create(
            action=action,
            defaults={
                "label": action,
                "points": rng.choice([5, 20, 60]),
                "daily_cap": None,
                "cooldown_seconds": 0,
                "active": True,
            },
        )
    if not Level.objects.exists():
        for number, threshold in ((1, 0), (2, 50), (3, 200)):
            Level.objects.create(number=number, name=f"L{number}", threshold=threshold)
    levels = list(Level.objects.order_by("number").values_list("number", flat=True))
    now = timezone.now()
    members = [
        MemberFactory(
            language=rng.choice(["nl", "en"]),
            email_notifications=rng.random() < 0.7,
            email_outside_office_hours=rng.random() < 0.5,
        )
        for _ in range(30)
    ]
    for member in members[:26]:
        for _ in range(rng.randint(1, 14)):
            action = rng.choice(ACTIONS)
            ref = f"{action.split('_')[0]}:{rng.choice(['k1', 'k2', 'k3'])}" if action != "lesson_completed" else None
            when = now - datetime.timedelta(days=rng.randint(0, 70), hours=rng.randint(0, 23))
            try:
                act(member, action, ref=f"{ref}:{rng.random()}" if ref is None else ref, occurred_at=when)
            except AssertionError:
                pass  # the same ref twice: a duplicate, as in life
    for member in rng.sample(members, 4):
        member.is_active = False
        member.save(update_fields=["is_active"])
    badges = [
        BadgeFactory(action="lesson_completed", count=rng.randint(1, 4)),
        BadgeFactory(action="story_shared", count=2, period_days=30),
        BadgeFactory(criterion=BadgeCriterion.LEVEL, action="", level=levels[min(1, len(levels) - 1)]),
        BadgeFactory(criterion=BadgeCriterion.COURSE_COMPLETED, action=""),
        BadgeFactory(criterion=BadgeCriterion.COURSE_COMPLETED, action="", ref="course:k1"),
        BadgeFactory(criterion=BadgeCriterion.PATH_COMPLETED, action=""),
        BadgeFactory(criterion=BadgeCriterion.CHALLENGE_WON, action="", ref="challenge:k2"),
        BadgeFactory(criterion=BadgeCriterion.STREAK_WEEKS, action="", count=2),
        BadgeFactory(criterion=BadgeCriterion.STREAK_WEEKS, action="", count=4),
        BadgeFactory(criterion=BadgeCriterion.MANUAL, action=""),
        BadgeFactory(action="lesson_completed", count=1, active=False),
    ]
    # Earlier awards, one revoked: neither is given again.
    award(member=members[0], badge=badges[0])
    revoked, _created = award(member=members[1], badge=badges[3])
    BadgeAward.objects.filter(pk=revoked.pk).update(revoked_at=now)
    return badges


@pytest.mark.clock
def test_the_set_based_sweep_awards_exactly_what_the_per_member_evaluation_awards(
    clock_moment, monkeypatch, django_capture_on_commit_callbacks
):
    random_programme(clock_moment.seed)  # a programme of its own at each of the six moments
    layer = _Layer()
    monkeypatch.setattr(notifications, "get_channel_layer", lambda: layer)
    before = _state()
    try:
        with transaction.atomic():
            with django_capture_on_commit_callbacks(execute=True):  # pushes and e-mails too
                per_member = badge_evaluation.sweep_each()
            expected, expected_told = _state(), _told(layer)
            raise _Undo
    except _Undo:
        pass
    assert _state() == before
    layer.sent.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert badge_sweep.sweep() == per_member
    assert _state() == expected
    assert _told(layer) == expected_told
    assert per_member > 0
    assert sum(expected_told[0].values()) == per_member  # a live push for each new badge
    # Run twice: nothing changes, nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        assert badge_sweep.sweep() == 0
    assert _state() == expected
    assert _told(layer) == expected_told


def test_the_sweep_costs_the_same_queries_for_more_members(
    django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """Queries grow with the badges (and one batch per ``BATCH`` awards), not per member: the
    awards, their notifications, their live pushes and the e-mail tasks they set off (one
    per ``EMAILS_PER_TASK`` e-mails due now; sending them is the tasks' work)."""
    random_programme(7)
    BadgeAward.objects.all().delete()
    Notification.objects.filter(kind="badge_awarded").delete()
    tasks = []
    with mock.patch.object(_email_task(), "apply_async", side_effect=lambda args, **kw: tasks.append(args[0])):
        with django_assert_max_num_queries(80) as few, django_capture_on_commit_callbacks(execute=True):
            few_awards = badge_sweep.sweep()
        for _ in range(25):
            member = MemberFactory()  # e-mail at any hour: every one is due now
            act(member, "lesson_completed", times=4)
            act(member, "course_completed", ref="course:k1")
        BadgeAward.objects.all().delete()
        Notification.objects.filter(kind="badge_awarded").delete()
        tasks.clear()
        with (
            django_assert_max_num_queries(len(few.captured_queries)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            more_awards = badge_sweep.sweep()
    assert more_awards >= few_awards + 25 * 3  # three badges each: lessons, any course, course k1
    due_now = Notification.objects.filter(kind="badge_awarded", email_due_at__lte=timezone.now())
    assert sorted(pk for chunk in tasks for pk in chunk) == sorted(due_now.values_list("pk", flat=True))
    assert len(tasks) <= len(badge_sweep.automatic_badges())  # one per batch here, not one per e-mail
    assert all(len(chunk) <= notifications.EMAILS_PER_TASK for chunk in tasks)


def test_a_broker_that_is_away_loses_no_award_and_no_email(django_capture_on_commit_callbacks, caplog):
    badge = BadgeFactory(action="lesson_completed", count=2)
    members = [MemberFactory(email_notifications=True, email_outside_office_hours=True) for _ in range(3)]
    for member in members:
        act(member, "lesson_completed", times=2)
    with (
        mock.patch.object(_email_task(), "apply_async", side_effect=ConnectionError("broker away")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert badge_sweep.sweep() == 3  # raises nothing
    assert set(BadgeAward.objects.filter(badge=badge).values_list("member_id", flat=True)) == {m.pk for m in members}
    assert mail.outbox == []
    assert "broker away" in caplog.text
    # The periodic task sends what the broker did not take.
    assert notifications.send_due_notification_emails() == 3
    assert sorted(email.to[0] for email in mail.outbox) == sorted(m.email for m in members)


def test_assertion_paths_are_each_awards_own(member):
    awards = [award(member=member, badge=BadgeFactory())[0] for _ in range(3)]
    assert assertion_paths(awards) == [assertion_path(a) for a in awards]
    assert len(set(assertion_paths(awards))) == 3
