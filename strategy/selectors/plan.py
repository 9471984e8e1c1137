"""Reads of the content plan: the planning board (a week or a month, columns by status,
filters) and the API's list. A fixed number of queries, however many items."""

import calendar as pycalendar
import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from people.models import ROLE_RANK, Department, Member, Role

from ..models import PLAN_ORDER, PlanItem, PlanStatus

VIEWS = ("week", "month")


@dataclass
class PlanFilters:
    message_id: int | None = None
    owner_id: int | None = None
    department_id: int | None = None
    status: str | None = None
    due_from: datetime.date | None = None
    due_until: datetime.date | None = None


@dataclass
class BoardColumn:
    status: str
    label: str
    items: list[PlanItem] = field(default_factory=list)


@dataclass
class Board:
    view: str
    first: datetime.date
    last: datetime.date
    columns: list[BoardColumn]

    @property
    def count(self) -> int:
        return sum(len(c.items) for c in self.columns)

    @property
    def previous(self) -> datetime.date:
        if self.view == "week":
            return self.first - datetime.timedelta(days=7)
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return self.last + datetime.timedelta(days=1)


def period(*, view: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The week (Monday to Sunday) or the month that holds ``day``."""
    if view == "week":
        first = day - datetime.timedelta(days=day.weekday())
        return first, first + datetime.timedelta(days=6)
    first = day.replace(day=1)
    return first, first.replace(day=pycalendar.monthrange(first.year, first.month)[1])


def plan_items(*, filters: PlanFilters) -> QuerySet[PlanItem]:
    """Items matching ``filters``, with what the board and the API show joined in (one query)."""
    items = PlanItem.objects.select_related("message", "owner", "department", "calendar_entry")
    if filters.message_id:
        items = items.filter(message_id=filters.message_id)
    if filters.owner_id:
        items = items.filter(owner_id=filters.owner_id)
    if filters.department_id:
        items = items.filter(department_id=filters.department_id)
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.due_from:
        items = items.filter(due__gte=filters.due_from)
    if filters.due_until:
        items = items.filter(due__lte=filters.due_until)
    return items.order_by("due", "pk")


def board(*, view: str, day: datetime.date, filters: PlanFilters) -> Board:
    """The planning board for the week or month of ``day``: one column per status, items by
    due date. One query."""
    view = view if view in VIEWS else "week"
    first, last = period(view=view, day=day)
    filters = PlanFilters(
        message_id=filters.message_id,
        owner_id=filters.owner_id,
        department_id=filters.department_id,
        due_from=first,
        due_until=last,
    )
    columns = {status: BoardColumn(status, PlanStatus(status).label) for status in PLAN_ORDER}
    for item in plan_items(filters=filters):
        columns[item.status].items.append(item)
    return Board(view=view, first=first, last=last, columns=list(columns.values()))


def possible_owners() -> list[Member]:
    """Active Creators and up, by name: who an item can be given to (one query)."""
    roles = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.CREATOR]]
    return list(Member.objects.filter(is_active=True, role__in=roles).order_by("display_name", "pk"))


def departments() -> list[Department]:
    return list(Department.objects.order_by("name"))


def owns_item(*, item_id: int, owner_id: int) -> bool:
    """Whether the planned item ``item_id`` exists and is ``owner_id``'s (one query), for
    telling a creator why their story could not be linked to it."""
    return PlanItem.objects.filter(pk=item_id, owner_id=owner_id).exists()
