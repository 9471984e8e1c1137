import datetime

import factory
from django.utils import timezone

from strategy.models import CalendarEntry


class CalendarEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarEntry

    title = factory.Sequence(lambda n: f"Entry {n}")
    kind = CalendarEntry.Kind.AWARENESS_DAY
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
