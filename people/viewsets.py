from wagtail.users.views.users import UserViewSet

from .forms import MemberCreationForm, MemberEditForm


class MemberViewSet(UserViewSet):
    template_prefix = "wagtailusers/users/"

    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
