"""The forms of the challenge pages: a story to submit, a challenge to launch or edit. They
parse; the services decide (uploads, audience, state)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from people.models import Department, Location, Role

from .models import Audience, Challenge, ChallengeKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the service checks what they are."""

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return super().clean(data, initial)


class StoryForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=160, required=False)
    text = forms.CharField(label=gettext_lazy("Your story"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    link_url = forms.CharField(label=gettext_lazy("Link (optional)"), max_length=500, required=False)
    images = MultipleFileField(
        label=gettext_lazy("Photos (up to 10; JPEG, PNG or WebP, 10 MB each)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_consent = forms.BooleanField(
        label=gettext_lazy("The people in my photos agreed that they may be shared"),
        help_text=gettext_lazy("Required when you add photos."),
        required=False,
    )
    video = forms.FileField(
        label=gettext_lazy("Video (optional; MP4 or MOV, 200 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/quicktime"}),
    )


class ChallengeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=160)
    brief = forms.CharField(label=gettext_lazy("Brief"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    example = forms.CharField(label=gettext_lazy("Example"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ChallengeKind.choices)
    participation = forms.ChoiceField(
        label=gettext_lazy("For"), choices=Challenge._meta.get_field("participation").choices
    )
    audience = forms.ChoiceField(label=gettext_lazy("Audience"), choices=Audience.choices)
    departments = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Departments"), queryset=Department.objects.all(), required=False
    )
    locations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Locations"), queryset=Location.objects.all(), required=False
    )
    roles = forms.MultipleChoiceField(label=gettext_lazy("Roles"), choices=Role.choices, required=False)
    open_to_all_members = forms.BooleanField(label=gettext_lazy("Every member may submit"), required=False)
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Opens at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    points_per_entry = forms.IntegerField(label=gettext_lazy("Points per approved entry"), min_value=0, initial=10)
    winner_bonus = forms.IntegerField(label=gettext_lazy("Winner bonus"), min_value=0, initial=50)
    entries_per_member = forms.IntegerField(label=gettext_lazy("Entries allowed per member"), min_value=1, initial=1)
    winner_rule = forms.ChoiceField(
        label=gettext_lazy("Winner chosen by"), choices=Challenge._meta.get_field("winner_rule").choices
    )

    @classmethod
    def initial_for(cls, challenge: Challenge) -> dict:
        """The form's values for an existing challenge (times in the local zone)."""
        return {
            **{f: getattr(challenge, f) for f in cls.base_fields if hasattr(challenge, f)},
            "departments": challenge.departments.all(),
            "locations": challenge.locations.all(),
            "roles": challenge.role_list,
            "opens_at": timezone.localtime(challenge.opens_at).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": timezone.localtime(challenge.closes_at).strftime("%Y-%m-%dT%H:%M"),
        }
