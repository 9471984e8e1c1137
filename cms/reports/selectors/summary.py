"""The monthly management summary: last month's outcomes for the reader's scope (the whole
organisation for HR and Masters, their own department for Activators, the department they
manage for managers), in plain sentences that say what is measured, estimated or unknown."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from challenges.models import ConversionKind
from people import policies as people_policies
from people.models import Member

from ..metrics import Scope
from .outcomes import outcomes


def previous_month(today: datetime.date) -> datetime.date:
    """The first day of the month before ``today``'s."""
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def month_bounds(first: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    nxt = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(nxt - datetime.timedelta(days=1), datetime.time.max, tzinfo=tz)
    return start, end


def summary_department(member: Member) -> int | None:
    """The department ``member``'s summary covers (None: the whole organisation). Raises
    ``PermissionDenied`` for anyone who gets no summary."""
    if not people_policies.may_get_monthly_summary(member):
        raise PermissionDenied(_("The monthly summary is for managers, HR and the Social Masters."))
    if people_policies.can_see_reports(member):
        return people_policies.report_department(member)
    return member.manager_of_id


def monthly_summary(*, member: Member, first: datetime.date) -> dict:
    """Last month's summary as ``member`` may read it: the period, the scope, the outcomes
    report (``None`` when not installed, ``suppressed`` under five members) and the plain
    statements. Raises ``PermissionDenied``."""
    department_id = summary_department(member)
    start, end = month_bounds(first)
    report = outcomes(Scope(start=start, end=end, department_id=department_id))
    department = member.manager_of if department_id and department_id == member.manager_of_id else None
    if department_id and department is None:
        department = member.department
    return {
        "month": first,
        "start": start,
        "end": end,
        "department": department,
        "report": report,
        "statements": statements(report) if report and not report.get("suppressed") else [],
    }


def _number(value, decimals: int = 0) -> str:
    """``value`` as a reader of the active language writes it (1.234 in Dutch, 1,234 in English)."""
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _count(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n) % {"count": _number(n)}


def statements(report: dict, *, goals: bool = True) -> list[tuple[str, str]]:
    """(label, sentence) pairs: what was measured, the goals (unless ``goals`` is False: the
    outcomes page shows them in detail), self-reported, estimated, unknown; counts in the
    singular or plural the number asks for, numbers formatted for the active language."""
    measured, reported = report["measured"], report["self_reported"]
    labels = dict(ConversionKind.choices)
    kinds = "; ".join(f"{labels.get(kind, kind)}: {_number(n)}" for kind, n in sorted(measured["by_kind"].items()))
    reached = "; ".join(
        f"{g['name']}: {_number(g['achieved'])}/{_number(g['target'])} {g['measure_label']}" for g in report["goals"]
    )
    return [
        (
            str(_("Measured")),
            str(_("%(stories)s, %(shares)s, %(clicks)s; conversions reported by our own sites: %(kinds)s."))
            % {
                "stories": _count("%(count)s story approved", "%(count)s stories approved", measured["stories"]),
                "shares": _count("%(count)s share", "%(count)s shares", measured["shares"]),
                "clicks": _count(
                    "%(count)s unique click on tracked links",
                    "%(count)s unique clicks on tracked links",
                    measured["unique_clicks"],
                ),
                "kinds": kinds or _number(0),
            },
        ),
        *([(str(_("Goals")), reached or str(_("No goals set.")))] if goals else []),
        (
            str(_("Self-reported")),
            str(_("For %(posts)s, ambassadors reported %(reactions)s, %(comments)s and %(reposts)s."))
            % {
                "posts": _count("%(count)s post", "%(count)s posts", reported["posts"]),
                "reactions": _count("%(count)s reaction", "%(count)s reactions", reported["reactions"]),
                "comments": _count("%(count)s comment", "%(count)s comments", reported["comments"]),
                "reposts": _count("%(count)s repost", "%(count)s reposts", reported["reposts"]),
            },
        ),
        (
            str(_("Estimated")),
            str(_("Media value € %(value)s (unique clicks × cost per click)."))
            % {"value": _number(report["estimated"]["media_value"], 2)},
        ),
        (
            str(_("Unknown")),
            str(_("How many people saw the posts on personal profiles: the networks do not report it.")),
        ),
    ]
