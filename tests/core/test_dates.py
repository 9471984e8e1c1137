"""Dates as a Dutch (and an English) reader expects them."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from core.dates import long_date, short_date, time_left

DEC_1 = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    "language, day, expected",
    [
        ("nl", DEC_1, "1 dec. 2026"),
        ("nl", datetime.date(2026, 10, 1), "1 okt. 2026"),
        ("nl", datetime.date(2026, 5, 1), "1 mei 2026"),
        ("nl", datetime.date(2026, 3, 9), "9 mrt. 2026"),
        ("en", DEC_1, "1 Dec. 2026"),
    ],
)
def test_short_dates_use_the_languages_abbreviations(language, day, expected):
    with translation.override(language):
        assert short_date(day) == expected
        assert Template('{{ d|date:"j N Y" }}').render(Context({"d": day})) == expected


def test_long_dates_and_times():
    moment = datetime.datetime(2026, 12, 1, 13, 5, tzinfo=datetime.UTC)
    with translation.override("nl"):
        assert long_date(DEC_1) == "1 december 2026"
        assert short_date(moment, with_time=True) == "1 dec. 2026 14:05"  # Amsterdam time
    with translation.override("en"):
        assert long_date(DEC_1) == "1 December 2026"


@pytest.mark.source
def test_no_template_shows_capitalised_month_abbreviations():
    """``M`` gives "1 Dec 2026" and "1 Okt" in Dutch; templates use ``N`` or ``F``."""
    base = Path(settings.BASE_DIR)
    wrong = []
    for path in base.glob("*/templates/**/*.*"):
        if ".venv" in path.parts:
            continue
        for match in re.finditer(r"""\|date:["']([^"']*)["']""", path.read_text(encoding="utf-8")):
            if "M" in match.group(1):
                wrong.append(f"{path.relative_to(base)}: {match.group(0)}")
    assert not wrong, wrong


NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "left, dutch, english",
    [
        (datetime.timedelta(days=2, hours=3, minutes=10), "2 dagen en 3 uur", "2 days and 3 hours"),
        (datetime.timedelta(days=1), "1 dag", "1 day"),
        (datetime.timedelta(hours=1, minutes=1), "1 uur en 1 minuut", "1 hour and 1 minute"),
        (datetime.timedelta(minutes=5, seconds=30), "5 minuten", "5 minutes"),
        (datetime.timedelta(seconds=20), "minder dan een minuut", "less than a minute"),
    ],
)
def test_time_left_reads_as_dutch_and_english(left, dutch, english):
    with translation.override("nl"):
        assert time_left(NOW + left, now=NOW) == dutch
        assert (
            Template("{% load i18n %}{% blocktranslate %}Closes in {{ time }}.{% endblocktranslate %}").render(
                Context({"time": time_left(NOW + left, now=NOW)})
            )
            == f"Sluit over {dutch}."
        )
    with translation.override("en"):
        assert time_left(NOW + left, now=NOW) == english


def test_the_time_left_filter():
    from django.utils import timezone

    with translation.override("nl"):
        html = Template("{% load time_left %}{{ at|time_left }}").render(
            Context({"at": timezone.now() + datetime.timedelta(days=3, hours=2, minutes=1)})
        )
    assert html == "3 dagen en 2 uur"
