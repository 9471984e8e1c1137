"""Factories for gamification's models (factory_boy). Members and departments come from
``tests.factories``."""

import datetime
import itertools

import factory
from django.utils import timezone

from gamification.models import (
    ActivityWeek,
    BadgeAward,
    BadgeClass,
    BadgeCriterion,
    Level,
    PointRule,
    PointsEntry,
    PrizePeriod,
)
from gamification.services.activity import count_activity
from gamification.services.board_totals import count_points
from tests.factories import MemberFactory

_refs = itertools.count(1)


class PointRuleFactory(factory.django.DjangoModelFactory):
    """A point rule; ``PointRuleFactory(action="share", points=5)``. The data migration's
    rules (``lesson_completed``…) already exist: use another action or ``get_or_create``."""

    class Meta:
        model = PointRule

    action = factory.Sequence(lambda n: f"test_action_{n}")
    label = factory.LazyAttribute(lambda rule: rule.action.replace("_", " ").capitalize())
    points = 10


class LevelFactory(factory.django.DjangoModelFactory):
    """A level; the data migration made levels 1-10 (thresholds 0-3000)."""

    class Meta:
        model = Level
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: 100 + n)
    name = factory.LazyAttribute(lambda level: f"Level {level.number}")
    threshold = factory.LazyAttribute(lambda level: level.number * 1000)


class BadgeFactory(factory.django.DjangoModelFactory):
    """A badge class, by default "at least once ``lesson_completed``"."""

    class Meta:
        model = BadgeClass

    slug = factory.Sequence(lambda n: f"badge-{n}")
    name = factory.Sequence(lambda n: f"Badge {n}")
    description = factory.LazyAttribute(lambda badge: f"What {badge.name.lower()} is about.")
    criterion = BadgeCriterion.ACTION_COUNT
    action = "lesson_completed"


class BadgeAwardFactory(factory.django.DjangoModelFactory):
    """An award made directly (no notification); use ``services.badges.award`` to test awarding."""

    class Meta:
        model = BadgeAward

    badge = factory.SubFactory(BadgeFactory, criterion=BadgeCriterion.MANUAL)
    member = factory.SubFactory(MemberFactory)
    salt = factory.Sequence(lambda n: f"{n:032x}")


class PrizePeriodFactory(factory.django.DjangoModelFactory):
    """An open prize period running from 30 days ago to 30 days from now."""

    class Meta:
        model = PrizePeriod
        skip_postgeneration_save = True

    title = "Q prize"
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    formula = factory.LazyFunction(lambda: {"story_approved": 10, "story_shared": 5})

    @factory.post_generation
    def departments(period, create, extracted, **kwargs):
        if create and extracted:
            period.departments.set(extracted)


class PointsEntryFactory(factory.django.DjangoModelFactory):
    """A bare ledger line, without its all-time total, boards or levels (those are
    ``record_action``'s)."""

    class Meta:
        model = PointsEntry

    member = factory.SubFactory(MemberFactory)
    action = "test_action"
    ref = factory.LazyFunction(lambda: f"ref:{next(_refs)}")
    points = 10

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The line, its share of the weekly rollup and its period totals on the whole
        organisation's boards (as ``record_action`` writes them)."""
        entry = super()._create(model_class, *args, **kwargs)
        count_activity(
            member_id=entry.member_id,
            kind=ActivityWeek.LEDGER,
            action=entry.action,
            at=entry.occurred_at,
            points=entry.points,
        )
        count_points(member_id=entry.member_id, points=entry.points, at=entry.occurred_at)
        return entry
