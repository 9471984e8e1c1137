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


class IdConverter:
    """``<id:pk>`` in URLs: like ``<int:…>``, but a number no row can have is no match (404)
    instead of reaching the database (SQLite raises on integers over 64 bits)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError(value)  # the resolver tries the next pattern: a 404 in the end
        return number

    def to_url(self, value) -> str:
        return str(value)
