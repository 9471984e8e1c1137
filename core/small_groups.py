"""The rule that groups under five members are never broken out (participation reports, the
pilot group's composition as a Social Activator sees it): one place, so every screen that
shows aggregates pools the same way."""

from collections.abc import Hashable

MIN_GROUP = 5


def pool_small(sizes: dict[Hashable, int]) -> tuple[list[Hashable], list[Hashable]]:
    """Split group keys (with their member counts) into those shown on their own and those
    pooled into one "other groups" row. Groups under ``MIN_GROUP`` are pooled; if the pool is
    itself under the limit, the smallest shown group joins it, so no small group can be
    worked out by subtracting from the total; a pool that stays too small (nothing left to
    join) is returned empty and must not be shown. Keys keep their given order."""
    big = sorted((k for k in sizes if sizes[k] >= MIN_GROUP), key=lambda k: sizes[k])
    pooled = [k for k in sizes if sizes[k] < MIN_GROUP]
    if pooled and sum(sizes[k] for k in pooled) < MIN_GROUP and big:
        pooled.append(big.pop(0))
    if sum(sizes[k] for k in pooled) < MIN_GROUP:
        pooled = []
    shown = [k for k in sizes if k in set(big)]
    return shown, pooled
