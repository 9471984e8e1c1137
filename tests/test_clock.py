"""The suite's pinned clock (tests/clock.py, tests/conftest.py): the awkward moments are what
their names say, lie ahead of the real date, and tests really run at them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from tests import clock

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def moments(start=datetime.date(2026, 12, 2)):
    return {m.name: m.local for m in clock.awkward(start, AMS)}


def test_each_awkward_moment_is_what_its_name_says():
    at = moments()
    first = at["month-starts-midweek"]
    assert (first.day, first.hour, first.minute) == (1, 0, 30) and first.weekday() in (1, 2, 3)
    assert first.astimezone(UTC).day != 1  # still the previous month in UTC
    monday = at["monday-0030"]
    assert (monday.weekday(), monday.hour, monday.minute) == (0, 0, 30)
    assert monday.astimezone(UTC).weekday() == 6  # still Sunday in UTC
    spring = at["dst-spring-forward"]
    assert (spring.month, spring.weekday()) == (3, 6) and spring.utcoffset() == datetime.timedelta(hours=2)
    assert (spring.astimezone(UTC) - datetime.timedelta(hours=1)).astimezone(AMS).hour == 1  # an hour ago: 01:30
    autumn = at["dst-fall-back"]
    assert (autumn.month, autumn.weekday(), autumn.hour, autumn.minute) == (10, 6, 2, 30)
    assert (autumn.astimezone(UTC) - datetime.timedelta(hours=1)).astimezone(AMS).hour == 2  # 02:30 an hour ago too
    assert (at["new-years-eve"].month, at["new-years-eve"].day, at["new-years-eve"].hour) == (12, 31, 23)
    assert (at["leap-day"].month, at["leap-day"].day) == (2, 29)


def test_the_moments_are_the_next_ones_after_the_base_date():
    start = datetime.date(2026, 12, 2)
    assert {m.name: m.at for m in clock.awkward(start, AMS)} == {
        "month-starts-midweek": datetime.datetime(2027, 4, 1, 0, 30, tzinfo=AMS).astimezone(UTC),
        "monday-0030": datetime.datetime(2026, 12, 7, 0, 30, tzinfo=AMS).astimezone(UTC),
        "dst-spring-forward": datetime.datetime(2027, 3, 28, 3, 30, tzinfo=AMS).astimezone(UTC),
        "dst-fall-back": datetime.datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=AMS).astimezone(UTC),
        "new-years-eve": datetime.datetime(2026, 12, 31, 23, 30, tzinfo=AMS).astimezone(UTC),
        "leap-day": datetime.datetime(2028, 2, 29, 12, 0, tzinfo=AMS).astimezone(UTC),
    }
    for at in moments(start).values():
        assert at.date() >= start
    ordinary = clock.ordinary(start, AMS).local
    assert ordinary.weekday() == 2 and 10 <= ordinary.day <= 18


def test_ids_show_the_local_moment():
    ids = [m.id for m in clock.awkward(datetime.date(2026, 12, 2), AMS)]
    assert "monday-0030@2026-12-07T00:30+01:00" in ids
    assert "dst-fall-back@2027-10-31T02:30+01:00" in ids


def test_test_clock_names_a_moment(monkeypatch):
    monkeypatch.setenv(clock.TEST_CLOCK_ENV, "2027-03-28T02:30:00+02:00")
    assert clock.from_env(AMS).at == datetime.datetime(2027, 3, 28, 0, 30, tzinfo=UTC)
    monkeypatch.setenv(clock.TEST_CLOCK_ENV, "2028-02-29T23:30")  # local time without an offset
    assert clock.from_env(AMS).local == datetime.datetime(2028, 2, 29, 23, 30, tzinfo=AMS)
    monkeypatch.delenv(clock.TEST_CLOCK_ENV)
    assert clock.from_env(AMS) is None


def test_a_test_starts_at_its_pinned_moment_and_time_moves_on(clock_moment):
    now = timezone.now()
    assert clock_moment.at <= now < clock_moment.at + datetime.timedelta(minutes=5)
    assert time_machine.escape_hatch.datetime.datetime.now(UTC) < clock_moment.at  # pinned ahead of the real time


@pytest.mark.clock
def test_a_clock_test_runs_at_each_awkward_moment(request, clock_moment):
    assert request.node.callspec.id.startswith(clock_moment.id) or clock_moment.name == "TEST_CLOCK"
    assert clock_moment.at <= timezone.now() < clock_moment.at + datetime.timedelta(minutes=5)
