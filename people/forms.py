from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from . import policies, services
from .models import Member

MEMBER_FIELDS = {
    "display_name",
    "role",
    "is_hr",
    "department",
    "editor_for_all_departments",
    "location",
    "language",
    "manager_of",
    "wave",
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
            "monthly_summary",
        ]
        widgets = {"avatar": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["avatar"].help_text = _("JPEG, PNG or WebP, at most %(mb)s MB.") % {
            "mb": settings.AVATAR_MAX_BYTES // (1024 * 1024)
        }
        if not policies.may_get_monthly_summary(self.instance):
            self.fields.pop("monthly_summary")

    def changes(self) -> dict:
        """What the member changed, as ``services.update_profile`` takes it (a cleared
        avatar is ``None``). The form only validates; the service saves."""
        changes = {name: self.cleaned_data[name] for name in self.changed_data}
        if "avatar" in changes and not changes["avatar"]:
            changes["avatar"] = None
        return changes


# --- passwords --------------------------------------------------------------------------


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    """ "Forgot password": asks for the address only; ``services.request_password_reset``
    decides whether a mail goes out, and the page answers the same either way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].widget.attrs.update({"autofocus": True, "inputmode": "email"})

    def save(self, *, request=None, **_django_options):
        services.request_password_reset(
            email=self.cleaned_data["email"], ip=request.META.get("REMOTE_ADDR") if request else None
        )


class _NewPasswordMixin:
    """Our labels, the validators' help in the active language, and the save through
    ``services.set_new_password`` (which also revokes API tokens and mails the member)."""

    via = "change"
    error_messages = {
        "password_mismatch": _("The two passwords are not the same."),
        "password_incorrect": _("Your current password is not correct."),
    }

    def _label_password_fields(self):
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = password_validation.password_validators_help_text_html()
        self.fields["new_password2"].label = _("New password again")
        self.fields["new_password2"].help_text = ""

    def save(self, commit=True):
        return services.set_new_password(member=self.user, password=self.cleaned_data["new_password1"], via=self.via)


class ResetPasswordForm(_NewPasswordMixin, auth_forms.SetPasswordForm):
    via = "reset"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._label_password_fields()
        self.fields["new_password1"].widget.attrs["autofocus"] = True


class ChangePasswordForm(_NewPasswordMixin, auth_forms.PasswordChangeForm):
    via = "change"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._label_password_fields()
        self.fields["old_password"].label = _("Current password")
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


# --- passkeys (allauth.mfa's WebAuthn forms, MFA_FORMS): a translated label for the name ---
# allauth's own forms label their name field from the field name alone, untranslated.


class AddPasskeyForm(AddWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of this passkey")
        self.fields["name"].help_text = _("So that you can tell your passkeys apart, e.g. “Work laptop”.")


class EditPasskeyForm(EditWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of this passkey")
