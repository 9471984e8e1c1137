"""What every backend speaks: a board's name, a ranked row, and the facts of a new ledger
entry that indexing it needs."""

import datetime
from dataclasses import dataclass

from gamification.errors import UnknownBoard
from gamification.models import board_name_validator

NEIGHBOURS = 2  # "me and my neighbours": this many above and below


@dataclass(frozen=True)
class BoardKey:
    kind: str  # all, department, location, prize, or a caller's scope such as challenge
    id: int | None = None

    @property
    def name(self) -> str:
        return self.kind if self.id is None else f"{self.kind}-{self.id}"


def parse_board(name: str) -> BoardKey:
    """The board called ``name`` (``all``, ``department-3``, ``challenge-7``…); raises
    ``UnknownBoard`` for anything else."""
    try:
        board_name_validator(name)
    except Exception:
        raise UnknownBoard() from None
    if name == "all":
        return BoardKey("all")
    kind, _, number = name.partition("-")
    if not number:
        raise UnknownBoard()
    return BoardKey(kind, int(number))


def group_name(board: str) -> str:
    """The channel-layer group of a board's live listeners."""
    return f"leaderboard-{board}"


@dataclass(frozen=True)
class Row:
    rank: int
    member_id: int
    points: int


@dataclass(frozen=True)
class EntryFacts:
    """What indexing a new ledger entry needs, when the award already read it (saves the
    index a query): the entry and its member as they were when it was committed."""

    member_id: int
    points: int
    occurred_at: datetime.datetime
    department_id: int | None
    location_id: int | None
    visibility: str
    active: bool
    boards: tuple[str, ...]
