"""Reads for the participation reports (pages, API, exports) and the admin panel: one
aggregate query per metric and grouping, so a report costs the same with 100 or 100,000
members. One module per concept; the names below are the public ones."""

from ..metrics import Scope
from .outcomes import goal_choices, outcome_filters, outcomes
from .pages import attention_counts, export_for, filter_choices
from .participation import (
    MIN_GROUP,
    PEOPLE_PAGE_SIZE,
    SUPPRESSED_NOTE,
    Column,
    PerPersonOff,
    Report,
    ReportError,
    Row,
    columns,
    derive,
    funnel,
    group_rows,
    participation,
    scope_for,
    trends,
    weeks_between,
)
from .people import people_queryset, per_person, person_columns
from .reach import reach
from .summary import monthly_summary, previous_month, statements, summary_department

__all__ = [
    "MIN_GROUP",
    "PEOPLE_PAGE_SIZE",
    "SUPPRESSED_NOTE",
    "Column",
    "PerPersonOff",
    "Report",
    "ReportError",
    "Row",
    "Scope",
    "attention_counts",
    "columns",
    "derive",
    "export_for",
    "filter_choices",
    "funnel",
    "goal_choices",
    "group_rows",
    "outcome_filters",
    "outcomes",
    "participation",
    "people_queryset",
    "per_person",
    "person_columns",
    "monthly_summary",
    "previous_month",
    "reach",
    "statements",
    "summary_department",
    "scope_for",
    "trends",
    "weeks_between",
]
