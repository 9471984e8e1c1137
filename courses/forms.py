"""Admin forms for the course pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from people.models import Role

from .audience import roles_from, roles_value


class CoursePageForm(WagtailAdminPageForm):
    """The prerequisite chooser offers the courses of this course's own language only
    (never the course itself); a course in another language is refused as an invalid
    choice, a form error rather than a server error. The audience's roles are ticked,
    not typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("prerequisites")
        if field is not None:
            queryset = self._meta.model.objects.filter(locale_id=self.instance.locale_id).order_by("title")
            if self.instance.pk:
                queryset = queryset.exclude(pk=self.instance.pk)
            field.queryset = queryset
            field.error_messages["invalid_choice"] = _(
                "Choose prerequisites among the courses in this course's own language."
            )
        if "audience_roles" in self.fields:
            self.fields["audience_roles"] = forms.MultipleChoiceField(
                label=_("roles"),
                choices=Role.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.initial["audience_roles"] = roles_from(self.instance.audience_roles)
        for name in ("audience_departments", "audience_locations"):
            if name in self.fields:
                self.fields[name].widget = forms.CheckboxSelectMultiple(choices=self.fields[name].choices)

    def clean_audience_roles(self):
        return roles_value(self.cleaned_data.get("audience_roles") or [])
