"""One shape of a report for the page, the API and the exports, so they always agree."""

from django.utils.translation import gettext as _

from . import selectors

DEFINITIONS = {
    "invited": "Members plus invitations not (yet) accepted.",
    "joined": "Members who created their account by the end of the period.",
    "active": "Members with at least one points entry in the 30 days up to the end of the period.",
    "creators": "Members holding the Social Creator role or higher.",
    "active_share_percent": "Active members as a share of all employees (programme settings), goal 10%.",
    "small_groups": "Groups with fewer than 5 members are pooled, never shown on their own.",
}


def _row(row, columns) -> dict:
    data = {"name": row.label}
    data.update({c.key: row.values.get(c.key, 0) for c in columns})
    return data


def as_dict(report: selectors.Report) -> dict:
    columns = report.columns
    return {
        "period": {"from": report.scope.start.date(), "to": report.scope.end.date()},
        "filters": {"department": report.scope.department_id, "location": report.scope.location_id},
        "suppressed": report.suppressed,
        "suppressed_note": str(selectors.SUPPRESSED_NOTE) if report.suppressed else None,
        "definitions": DEFINITIONS,
        "funnel": report.funnel,
        "columns": [{"key": c.key, "label": str(c.label), "percent": c.percent} for c in columns],
        "departments": [_row(r, columns) for r in report.departments],
        "locations": [_row(r, columns) for r in report.locations],
        "total": _row(report.total, columns) if report.total else None,
        "trends": {
            "weeks": report.trends["weeks"],
            "series": [{**s, "label": str(s["label"])} for s in report.trends["series"]],
        },
        "not_available": report.unavailable,
    }


def table(data: dict, name: str) -> tuple[list[str], list[list]]:
    """Header and rows of one table of a report dict (``as_dict``), as on the page."""
    if name == "funnel":
        funnel = data["funnel"]
        header = [_("Step"), _("Members")]
        labels = {
            "invited": _("Invited"),
            "joined": _("Joined"),
            "active": _("Active (30 days)"),
            "creators": _("Creators"),
            "employees": _("Employees"),
            "active_share_percent": _("Active share %"),
            "goal_percent": _("Goal %"),
        }
        return header, [[str(labels[k]), funnel[k]] for k in labels if k in funnel]
    if name == "trends":
        series = data["trends"]["series"]
        header = [_("Week")] + [s["label"] for s in series]
        return header, [[week] + [s["values"][i] for s in series] for i, week in enumerate(data["trends"]["weeks"])]
    columns = data["columns"]
    header = [_("Department") if name == "departments" else _("Location")] + [c["label"] for c in columns]
    rows = [[r["name"]] + [r[c["key"]] for c in columns] for r in data[name]]
    if data["total"] and rows:
        rows.append([data["total"]["name"]] + [data["total"][c["key"]] for c in columns])
    return header, rows


def people_table(page: dict) -> tuple[list[str], list[list]]:
    columns = page["columns"]
    header = [_("Name"), _("Role"), _("Department"), _("Location")] + [str(c.label) for c in columns]
    rows = [[r["name"], r["role"], r["department"], r["location"]] + [r[c.key] for c in columns] for r in page["rows"]]
    return header, rows


def reach_tables(data: dict) -> dict[str, tuple[list[str], list[list]]]:
    return {
        "stories": (
            [_("Story"), _("Shares"), _("Unique clicks")],
            [[s["title"], s["shares"], s["clicks"]] for s in data["stories"]],
        ),
        "reach_departments": (
            [_("Department"), _("Shares"), _("Unique clicks")],
            [[d["name"], d["shares"], d["clicks"]] for d in data["departments"]],
        ),
        "networks": ([_("Network"), _("Shares")], [[n["network"], n["shares"]] for n in data["networks"]]),
    }
