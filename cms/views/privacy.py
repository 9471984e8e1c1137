"""Privacy pages. A member downloads or erases their own data (any signed-in member);
a Social Master exports or erases a member's data on request (confirmed with the Master's
own password; both go into the audit log)."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cms.forms import PasswordForm
from cms.services import privacy
from core.errors import ServiceError
from people import policies as people_policies
from people.models import Member


def _json_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def my_data(request):
    data = privacy.export_member_data(member=request.user, by=request.user)
    return _json_download(data, "my-social-shift-data.json")


@login_required
def erase_me(request):
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.erase_member(member=request.user, by=request.user, password=form.cleaned_data["password"])
        except ServiceError as exc:
            form.add_error("password", exc.message)
        else:
            logout(request)
            messages.success(request, _("Your personal data has been erased. Thank you for taking part."))
            return redirect("login")
    return render(request, "cms/privacy/erase.html", {"form": form, "target": None})


def _target(request, pk) -> Member:
    """The member whose data a Master handles on request; 403 for anyone else."""
    if not people_policies.can_handle_personal_data(request.user):
        raise PermissionDenied
    target = get_object_or_404(Member, pk=pk)
    if not people_policies.can_handle_personal_data_of(request.user, target):
        raise PermissionDenied
    return target


@login_required
def member_data(request, pk):
    target = _target(request, pk)
    return _json_download(privacy.export_member_data(member=target, by=request.user), f"member-{target.pk}-data.json")


@login_required
def erase_member(request, pk):
    target = _target(request, pk)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("The password is not correct."))
        else:
            try:
                privacy.erase_member(member=target, by=request.user)
            except ServiceError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The member's personal data has been erased."))
                return redirect("wagtailusers_users:index")
    return render(request, "cms/privacy/erase.html", {"form": form, "target": target})
