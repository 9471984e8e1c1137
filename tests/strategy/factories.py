import datetime

import factory
from django.utils import timezone

from people.models import Role
from strategy.models import (
    Audience,
    CalendarEntry,
    Goal,
    Guidelines,
    KeyMessage,
    PlanItem,
    PlanStatus,
    SixCAnswer,
    SixCQuestion,
    SixCResponse,
)
from tests.factories import MemberFactory


class CalendarEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarEntry

    title = factory.Sequence(lambda n: f"Entry {n}")
    kind = CalendarEntry.Kind.AWARENESS_DAY
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    name = factory.Sequence(lambda n: f"Doel {n}")
    kind = Goal.Kind.RECRUITMENT
    measure = Goal.Measure.APPLICATIONS
    target = 20
    period_start = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    period_end = factory.LazyAttribute(lambda goal: goal.period_start + datetime.timedelta(days=89))


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience

    name = factory.Sequence(lambda n: f"Doelgroep {n}")


class KeyMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyMessage

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Boodschap {n}")


class GuidelinesFactory(factory.django.DjangoModelFactory):
    """A published version of the guidelines with two per-story checks (``published=False``:
    a draft)."""

    class Meta:
        model = Guidelines

    title = factory.Sequence(lambda n: f"Richtlijnen {n}")
    title_en = factory.Sequence(lambda n: f"Guidelines {n}")
    body = "<p>Wees jezelf.</p>"
    body_en = "<p>Be yourself.</p>"
    checks = "De mensen op de foto gaven toestemming\nNiets vertrouwelijks"
    checks_en = "The people in the photo agreed\nNothing confidential"
    published = True


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    title = factory.Sequence(lambda n: f"Plan {n}")
    owner = factory.SubFactory(MemberFactory, role=Role.CREATOR)
    department = factory.LazyAttribute(lambda item: item.owner.department)
    due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=5))
    status = PlanStatus.PLANNED


class SixCResponseFactory(factory.django.DjangoModelFactory):
    """A response with every active question answered ``value`` (``values={"content": 2}``
    overrides per C)."""

    class Meta:
        model = SixCResponse
        skip_postgeneration_save = True

    member = factory.SubFactory(MemberFactory)
    quarter = "2026-Q4"
    department = factory.LazyAttribute(lambda r: r.member.department)
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def answers(obj, create, extracted, **kwargs):
        if not create:
            return
        value = extracted or 3
        per_c = kwargs.get("values", {})
        SixCAnswer.objects.bulk_create(
            SixCAnswer(response=obj, question=q, c=q.c, value=per_c.get(q.c, value))
            for q in SixCQuestion.objects.filter(active=True)
        )
