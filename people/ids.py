"""Ids that arrive from outside (URL segments, query strings, JSON)."""

MAX_ID = 2**63 - 1  # the largest value of a bigint primary key


def id_from(value) -> int:
    """A database id from a URL or a form; anything that cannot be one becomes 0 (which finds
    nothing). Out-of-range numbers would make SQLite raise instead of finding nothing."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number <= MAX_ID else 0
