"""Dutch holidays computed from their rules, for any year (strategy/holidays.py)."""

import datetime

import pytest

from strategy import holidays


@pytest.mark.parametrize(
    "year,easter",
    [
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ],
)
def test_easter(year, easter):
    assert holidays.easter_sunday(year).isoformat() == easter


def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday():
    assert holidays.koningsdag(2025) == datetime.date(2025, 4, 26)
    assert holidays.koningsdag(2031) == datetime.date(2031, 4, 26)
    assert holidays.koningsdag(2026) == datetime.date(2026, 4, 27)


def test_dutch_holidays_2026():
    by_key = {h.key: h.date.isoformat() for h in holidays.dutch_holidays(2026)}
    assert by_key["goede-vrijdag"] == "2026-04-03"
    assert by_key["tweede-paasdag"] == "2026-04-06"
    assert by_key["hemelvaartsdag"] == "2026-05-14"
    assert by_key["eerste-pinksterdag"] == "2026-05-24"
    assert by_key["tweede-pinksterdag"] == "2026-05-25"
    assert by_key["bevrijdingsdag"] == "2026-05-05"
    assert by_key["eerste-kerstdag"] == "2026-12-25"
    assert by_key["moederdag"] == "2026-05-10"
    assert by_key["vaderdag"] == "2026-06-21"
    assert by_key["prinsjesdag"] == "2026-09-15"
