"""A leaderboard as a viewer may see it, and what every live listener of a board gets."""

from django.utils.translation import gettext as _

from gamification import policies
from gamification.leaderboards.backend import get_backend
from gamification.leaderboards.boards import BoardKey, Row, parse_board
from people.models import Member


def anonymous_name() -> str:
    """What a member who stays anonymous is called, in the active language."""
    return str(_("Anonymous ambassador"))


def _members(rows: list[Row]) -> dict[int, Member]:
    return {
        m.pk: m
        for m in Member.objects.filter(pk__in={r.member_id for r in rows}).only(
            "id", "display_name", "first_name", "last_name", "email", "leaderboard_visibility"
        )
    }


def present(rows: list[Row], *, viewer: Member | None, members: dict[int, Member] | None = None) -> list[dict]:
    """Rows with names, as a viewer may see them (``policies.shows_name``): members who chose
    to be anonymous stay anonymous. ``viewer=None`` is the public view that live broadcasts
    carry. One query, none when ``members`` (by id) already holds the rows' members."""
    if members is None:
        members = _members(rows)
    result = []
    for row in rows:
        member = members.get(row.member_id)
        named = member is not None and policies.shows_name(member, viewer=viewer)
        item = {
            "rank": row.rank,
            "member": {"id": row.member_id if named else None, "name": member.name if named else anonymous_name()},
            "points": row.points,
        }
        if viewer is not None:
            item["me"] = row.member_id == viewer.pk
        result.append(item)
    return result


def board_payload(board: BoardKey, period: str, *, viewer: Member, n: int = 10) -> dict:
    """The API's board answer: top N, and the viewer's rank with two neighbours each side.
    ``neighbourhood`` (not in the API schema) is the same stretch with the viewer in it.
    Masters also see members who are off the leaderboards. Raises ``UnknownBoard`` for a
    prize board of no prize period."""
    backend = get_backend()
    include_hidden = policies.sees_hidden_members(viewer)
    top = backend.top(board, period, n, include_hidden=include_hidden)
    me, neighbours = backend.around(board, period, viewer.pk, include_hidden=include_hidden)
    stretch = sorted([*neighbours, me], key=lambda row: (-row.points, row.member_id)) if me is not None else []
    members = _members([*top, *stretch])  # the names of both in one query
    payload = {"board": board.name, "period": period, "results": present(top, viewer=viewer, members=members)}
    payload["me"] = None
    if me is not None:
        presented = present(stretch, viewer=viewer, members=members)
        payload["me"] = {"rank": me.rank, "points": me.points, "neighbours": [r for r in presented if not r["me"]]}
        payload["neighbourhood"] = presented
    return payload


def public_top(board_name: str, n: int = 10) -> dict:
    """What every listener of a board may see: the all-time top N without hidden members."""
    rows = get_backend().top(parse_board(board_name), "all", n, include_hidden=False)
    return {"type": "board.update", "board": board_name, "period": "all", "results": present(rows, viewer=None)}
