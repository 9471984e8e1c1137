from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.users.views import users as wagtail_users

from . import policies
from .forms import MemberCreationForm, MemberEditForm
from .models import AuditAction
from .roles import ALL_ROLE_GROUPS
from .services import audit


def _limit_to_own_powers(form, user):
    """Only a superuser may hand out superuser status; role groups follow the role field,
    so nobody ticks them by hand."""
    if not policies.can_grant_superuser(user):
        form.fields.pop("is_superuser", None)
    if "groups" in form.fields:
        form.fields["groups"].queryset = Group.objects.exclude(name__in=ALL_ROLE_GROUPS).order_by("name")
    return form


class _AuditRoleChanges:
    """Role and HR-flag changes made in the admin go into the audit log."""

    def form_valid(self, form):
        changed = [name for name in ("role", "is_hr") if name in form.changed_data]
        response = super().form_valid(form)
        if changed:
            audit.record(
                actor=self.request.user,
                action=AuditAction.ROLE_CHANGED,
                target=form.instance,
                role=form.instance.role,
                is_hr=form.instance.is_hr,
                changed=changed,
            )
        return response


class MemberCreateView(_AuditRoleChanges, wagtail_users.CreateView):
    def get_form(self, form_class=None):
        return _limit_to_own_powers(super().get_form(form_class), self.request.user)


class MemberEditView(_AuditRoleChanges, wagtail_users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not policies.can_edit_member(request.user, self.object):
            raise PermissionDenied

    def get_form(self, form_class=None):
        return _limit_to_own_powers(super().get_form(form_class), self.request.user)


class MemberViewSet(wagtail_users.UserViewSet):
    """Wagtail's user admin for members: Masters (``people.change_member``) manage members
    and their Social Shift role, but cannot create or edit superusers."""

    template_prefix = "wagtailusers/users/"
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView

    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
