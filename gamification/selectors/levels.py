"""Levels are derived from points, never stored as a member's level: the only stored fact
is that a level was reached (to notify once). Masters configure them; they are read on
every award, so they are kept in the shared cache and the process (``core.memo``), and
forgotten when a level is saved or deleted (``GamificationConfig.ready``)."""

from dataclasses import dataclass

from core.memo import SharedMemo
from gamification.models import Level


@dataclass(frozen=True)
class LevelInfo:
    number: int
    name: str
    name_en: str
    threshold: int
    next_threshold: int | None

    def display_name(self, language: str | None) -> str:
        return self.name_en if (language or "").startswith("en") and self.name_en else self.name

    def points_to_next(self, points: int) -> int | None:
        return None if self.next_threshold is None else max(0, self.next_threshold - points)


levels_memo = SharedMemo(
    "gamification:levels:v1",
    lambda: list(Level.objects.order_by("threshold").values_list("number", "name", "name_en", "threshold")),
)


def all_levels() -> list[tuple[int, str, str, int]]:
    """(number, name, English name, threshold) of every level, lowest first."""
    return levels_memo.get()


def level_for(points: int) -> LevelInfo | None:
    """The level ``points`` reach (None below the lowest threshold)."""
    levels = all_levels()
    current = None
    for i, (number, name, name_en, threshold) in enumerate(levels):
        if points >= threshold:
            following = levels[i + 1][3] if i + 1 < len(levels) else None
            current = LevelInfo(number, name, name_en, threshold, following)
    return current


def levels_between(old_points: int, new_points: int) -> list[int]:
    """Level numbers whose threshold was crossed going from ``old_points`` up to ``new_points``."""
    return [number for number, _n, _e, threshold in all_levels() if old_points < threshold <= new_points]
