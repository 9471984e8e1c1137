"""Per-person participation: counts only, and only when the works council allows it."""

from django.utils.translation import gettext_lazy as _

from cms.models import ProgrammeSettings
from people.models import Member

from .. import metrics
from ..metrics import Scope
from .participation import MIN_GROUP, PEOPLE_PAGE_SIZE, Column, PerPersonOff, derive

PERSON_METRICS = {
    "lessons",
    "courses",
    "path_members",
    "sessions_attended",
    "challenge_entries",
    "stories_approved",
    "shares",
    "linkedin_ticks",
}


def people_queryset(scope: Scope):
    qs = Member.objects.filter(date_joined__lte=scope.end, erased_at__isnull=True)
    return qs.filter(**metrics.member_filter(scope, None))


def per_person(scope: Scope, *, page: int = 1, page_size: int = PEOPLE_PAGE_SIZE) -> dict:
    """What each member completed and attended: counts only, never the texts they shared,
    their clicks or their network. Off entirely when the works council setting says so."""
    if ProgrammeSettings.load().aggregates_only:
        raise PerPersonOff(_("Per-person reports are switched off: the programme reports aggregates only."))
    qs = people_queryset(scope)
    count = qs.count()
    if count < MIN_GROUP:
        return {"count": count, "suppressed": True, "rows": [], "columns": []}
    offset = (page - 1) * page_size
    people = list(
        qs.select_related("department", "location")
        .only("id", "display_name", "first_name", "last_name", "email", "role", "department__name", "location__name")
        .order_by("display_name", "email", "id")[offset : offset + page_size]
    )
    page_scope = Scope(start=scope.start, end=scope.end, member_ids=tuple(p.pk for p in people))
    raw = metrics.compute(page_scope, "member", PERSON_METRICS) if people else {}
    item_count = metrics.linkedin_item_count()
    rows = []
    for person in people:
        values = {key: raw[key].get(person.pk, 0) for key in raw}
        values["members"] = 1
        derived = derive(values, item_count)
        rows.append(
            {
                "id": person.pk,
                "name": person.name,
                "role": person.get_role_display(),
                "department": person.department.name if person.department else "",
                "location": person.location.name if person.location else "",
                **{key: derived[key] for key in derived if key != "members"},
            }
        )
    return {"count": count, "suppressed": False, "rows": rows, "columns": person_columns(raw)}


def person_columns(raw: dict) -> list[Column]:
    wanted = [
        Column("lessons", _("Lessons completed")),
        Column("courses", _("Courses completed")),
        Column("path_members", _("Paths completed")),
        Column("sessions_attended", _("Sessions attended")),
        Column("challenge_entries", _("Challenge entries")),
        Column("stories_approved", _("Stories approved")),
        Column("shares", _("Shares")),
        Column("linkedin_percent", _("LinkedIn checklist %"), percent=True),
    ]
    have = {m.key for m in metrics.available_metrics(PERSON_METRICS)}
    needs = {"linkedin_percent": "linkedin_ticks"}
    return [c for c in wanted if needs.get(c.key, c.key) in have]
