"""The forms of the challenge pages: a story to submit, a challenge to launch or edit. They
parse; the services decide (uploads, audience, state)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.i18n import LANGUAGE_CHOICES
from people.models import Department, Location, Role
from strategy import selectors as strategy_selectors

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
    messages = forms.MultipleChoiceField(
        label=gettext_lazy("Which key messages does your story serve?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    checks = forms.MultipleChoiceField(
        label=gettext_lazy("Our social media guidelines: I confirm that"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, challenge=None, **kwargs):
        """``challenge``: its key messages are ticked to start with (the creator may change them).
        The key messages and the guidelines' checks are left out when there are none."""
        super().__init__(*args, **kwargs)
        choices = [
            (str(m.pk), f"{m.display_name} ({m.goal.display_name})") for m in strategy_selectors.active_messages()
        ]
        if choices:
            self.fields["messages"].choices = choices
            if challenge is not None:
                self.initial.setdefault("messages", [str(pk) for pk in challenge.messages.values_list("pk", flat=True)])
        else:
            del self.fields["messages"]
        guidelines = strategy_selectors.current_guidelines()
        if guidelines and guidelines.check_list:
            self.fields["checks"].choices = [(c["key"], c["text"]) for c in guidelines.check_list]
            self.fields["checks"].help_text = gettext_lazy("Tick every check: it is needed to send in a story.")
        else:
            del self.fields["checks"]


class ReviewTargetingForm(forms.Form):
    """The editor's audience and period for a story in the review queue; the service checks
    them (``challenges.services.check_targeting``). The departments and locations are read
    once (two queries), however many stories the queue shows."""

    departments = forms.MultipleChoiceField(label=gettext_lazy("Only for departments"), required=False)
    locations = forms.MultipleChoiceField(label=gettext_lazy("Only for locations"), required=False)
    roles = forms.MultipleChoiceField(label=gettext_lazy("Only for roles"), choices=Role.choices, required=False)
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Only for languages"), choices=LANGUAGE_CHOICES, required=False
    )
    share_from = forms.DateTimeField(
        label=gettext_lazy("Suggest from"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    share_until = forms.DateTimeField(
        label=gettext_lazy("Suggest until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].choices = [(str(d.pk), d.name) for d in Department.objects.order_by("name")]
        self.fields["locations"].choices = [(str(loc.pk), loc.name) for loc in Location.objects.order_by("name")]

    def audience(self) -> dict:
        data = self.cleaned_data
        return {
            "departments": data["departments"],
            "locations": data["locations"],
            "roles": data["roles"],
            "languages": data["languages"],
        }


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
