from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from . import services
from .models import Member

MEMBER_FIELDS = {
    "display_name",
    "role",
    "is_hr",
    "department",
    "editor_for_all_departments",
    "location",
    "language",
}


class _RoleSyncMixin:
    """The role groups follow the role field; other groups stay as chosen."""

    def save(self, commit=True):
        member = super().save(commit=commit)
        if commit:
            services.sync_groups(member=member)
            services.set_language(member=member, language=member.language)
        return member


class MemberCreationForm(_RoleSyncMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = Member
        fields = UserCreationForm.Meta.fields | MEMBER_FIELDS


class MemberEditForm(_RoleSyncMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = Member
        fields = UserEditForm.Meta.fields | MEMBER_FIELDS


class ProfileForm(forms.ModelForm):
    """What a member may change about themselves."""

    class Meta:
        model = Member
        fields = [
            "display_name",
            "language",
            "avatar",
            "network_size",
            "gender",
            "age_band",
            "email_notifications",
            "email_outside_office_hours",
        ]
        widgets = {"avatar": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["avatar"].help_text = _("JPEG, PNG or WebP, at most %(mb)s MB.") % {
            "mb": settings.AVATAR_MAX_BYTES // (1024 * 1024)
        }

    def changes(self) -> dict:
        """What the member changed, as ``services.update_profile`` takes it (a cleared
        avatar is ``None``). The form only validates; the service saves."""
        changes = {name: self.cleaned_data[name] for name in self.changed_data}
        if "avatar" in changes and not changes["avatar"]:
            changes["avatar"] = None
        return changes
