"""The pilot group builder: Social Masters for the whole organisation, Social Activators for
their own department (with the organisation's composition as pooled aggregates). The size
limit is a programme setting and counts the whole organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cms import selectors
from cms.models import ProgrammeSettings
from core.errors import ServiceError
from people import policies as people_policies
from people import selectors as people_selectors
from people import services as people_services


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit() and 0 < int(v) < 2**31]


@login_required
def builder(request):
    if not people_policies.can_build_pilot(request.user):
        raise PermissionDenied
    limit = ProgrammeSettings.load().pilot_group_limit
    department_id = people_policies.programme_department(request.user)
    if request.method == "POST":
        add = _ids(request.POST.getlist("add"))
        email = request.POST.get("email", "").strip()
        if email:
            found = people_selectors.member_id_for_email(email=email, department_id=department_id)
            if found is None:
                messages.error(
                    request,
                    _("No member of your department with that e-mail address.")
                    if department_id
                    else _("No member with that e-mail address."),
                )
                return redirect("pilot")
            add.append(found)
        try:
            size = people_services.change_pilot(
                add=add, remove=_ids(request.POST.getlist("remove")), by=request.user, limit=limit
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The pilot group now has %(size)s members.") % {"size": size})
        return redirect("pilot")
    data = people_selectors.composition(pool_small_groups=department_id is not None)
    suggestions = people_selectors.suggestions(limit=limit, composition_data=data, department_id=department_id)
    fits = selectors.strategy_fit(members=[s.member for s in suggestions])
    for suggestion in suggestions:
        suggestion.fit = fits[suggestion.member.pk]
    context = {
        "composition": data,
        "limit": limit,
        "suggestions": suggestions,
        "members": people_selectors.pilot_members(department_id=department_id),
        "department": request.user.department if department_id else None,
    }
    return render(request, "cms/pilot.html", context)
