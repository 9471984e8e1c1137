"""Dutch holidays and hook-in days computed from their rules, for any year: no typed-in
dates that go stale. Easter by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Holiday:
    key: str
    date: datetime.date
    name_nl: str
    name_en: str
    angle: str = ""
    kind: str = "holiday"


def easter_sunday(year: int) -> datetime.date:
    """Western (Gregorian) Easter Sunday."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def koningsdag(year: int) -> datetime.date:
    """27 April, the King's birthday; on a Sunday it moves to Saturday 26 April."""
    day = datetime.date(year, 4, 27)
    return day - datetime.timedelta(days=1) if day.weekday() == 6 else day


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    """The n-th ``weekday`` (Monday 0) of a month."""
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def dutch_holidays(year: int) -> list[Holiday]:
    easter = easter_sunday(year)
    day = datetime.timedelta(days=1)
    return sorted(
        [
            Holiday(
                "nieuwjaarsdag",
                datetime.date(year, 1, 1),
                "Nieuwjaarsdag",
                "New Year's Day",
                "Goede voornemens van het team",
            ),
            Holiday("goede-vrijdag", easter - 2 * day, "Goede Vrijdag", "Good Friday"),
            Holiday("eerste-paasdag", easter, "Eerste Paasdag", "Easter Sunday", "Paasgroet van de afdeling"),
            Holiday("tweede-paasdag", easter + day, "Tweede Paasdag", "Easter Monday"),
            Holiday("koningsdag", koningsdag(year), "Koningsdag", "King's Day", "Oranje op de werkvloer"),
            Holiday(
                "bevrijdingsdag",
                datetime.date(year, 5, 5),
                "Bevrijdingsdag",
                "Liberation Day",
                "Wat vrijheid voor ons werk betekent",
            ),
            Holiday("hemelvaartsdag", easter + 39 * day, "Hemelvaartsdag", "Ascension Day"),
            Holiday("eerste-pinksterdag", easter + 49 * day, "Eerste Pinksterdag", "Whit Sunday"),
            Holiday("tweede-pinksterdag", easter + 50 * day, "Tweede Pinksterdag", "Whit Monday"),
            Holiday(
                "moederdag",
                nth_weekday(year, 5, 6, 2),
                "Moederdag",
                "Mother's Day",
                "Collega's die werk en moederschap combineren",
                kind="awareness_day",
            ),
            Holiday(
                "vaderdag",
                nth_weekday(year, 6, 6, 3),
                "Vaderdag",
                "Father's Day",
                "Collega's die werk en vaderschap combineren",
                kind="awareness_day",
            ),
            Holiday(
                "prinsjesdag",
                nth_weekday(year, 9, 1, 3),
                "Prinsjesdag",
                "Prince's Day (budget day)",
                "Wat de plannen voor onze klanten betekenen",
                kind="awareness_day",
            ),
            Holiday(
                "sinterklaas",
                datetime.date(year, 12, 5),
                "Sinterklaasavond",
                "St Nicholas' Eve",
                "Surprise of gedicht van het team",
                kind="awareness_day",
            ),
            Holiday(
                "eerste-kerstdag",
                datetime.date(year, 12, 25),
                "Eerste Kerstdag",
                "Christmas Day",
                "Terugblik op het jaar",
            ),
            Holiday("tweede-kerstdag", datetime.date(year, 12, 26), "Tweede Kerstdag", "Boxing Day"),
            Holiday(
                "oudejaarsdag", datetime.date(year, 12, 31), "Oudejaarsdag", "New Year's Eve", kind="awareness_day"
            ),
        ],
        key=lambda h: h.date,
    )
