from django.core.exceptions import PermissionDenied
from wagtail.users.views import users as wagtail_users

from .forms import MemberCreationForm, MemberEditForm


def _limit_to_own_powers(form, user):
    """Only a superuser may hand out superuser status; role groups follow the role field,
    so nobody ticks them by hand."""
    from django.contrib.auth.models import Group

    from .roles import ALL_ROLE_GROUPS

    if not user.is_superuser:
        form.fields.pop("is_superuser", None)
    if "groups" in form.fields:
        form.fields["groups"].queryset = Group.objects.exclude(name__in=ALL_ROLE_GROUPS).order_by("name")
    return form


class MemberCreateView(wagtail_users.CreateView):
    def get_form(self, form_class=None):
        return _limit_to_own_powers(super().get_form(form_class), self.request.user)


class MemberEditView(wagtail_users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.object.is_superuser and not request.user.is_superuser:
            # Editing a superuser's e-mail or password would be taking over their account.
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
