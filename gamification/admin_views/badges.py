"""Masters award badges by hand and revoke them in the Wagtail admin (registered in
``wagtail_hooks``): 403 for anyone without the permission."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from gamification import policies
from gamification.models import BadgeAward, BadgeClass
from gamification.services.badges import award_by_hand, revoke
from people.models import Member


class _MastersOnly:
    """403 for anyone in the admin without the permission (Wagtail's own wrapper already
    sends people without admin access to the login page)."""

    allowed = staticmethod(policies.can_award_badges)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            return defaults.permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)


class AwardIndexView(_MastersOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "gamification/badges/admin/index.html"
    page_title = _("Badge awards")
    header_icon = "success"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_header_buttons(self):
        return [HeaderButton(_("Award a badge"), reverse("gamification_badge_award"), icon_name="plus")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awards = BadgeAward.objects.select_related("badge", "member", "awarded_by").order_by("-awarded_at", "-pk")
        query = self.request.GET.get("q", "").strip()
        badge_id = self.request.GET.get("badge", "")
        if query:
            awards = awards.filter(
                Q(member__email__icontains=query)
                | Q(member__display_name__icontains=query)
                | Q(badge__name__icontains=query)
                | Q(badge__name_en__icontains=query)
            )
        if badge_id.isdigit():
            awards = awards.filter(badge_id=int(badge_id))
        context.update(
            {
                "page_obj": Paginator(awards, 50).get_page(self.request.GET.get("p")),
                "query": query,
                "badge_id": badge_id,
                "badge_choices": BadgeClass.objects.order_by("name"),
            }
        )
        return context


class _ReasonRequired:
    """A badge is awarded or revoked for a stated reason; blank is not a reason."""

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason


class AwardForm(_ReasonRequired, forms.Form):
    member = forms.EmailField(label=_("Member's e-mail address"))
    badge = forms.ModelChoiceField(label=_("Badge"), queryset=BadgeClass.objects.order_by("name"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the member and on the badge's public page."),
        max_length=2000,
    )

    def clean_member(self):
        email = self.cleaned_data["member"].strip().lower()
        member = Member.objects.filter(email__iexact=email, is_active=True).first()
        if member is None:
            raise forms.ValidationError(_("No active member has this e-mail address."))
        return member


class AwardBadgeView(_MastersOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = AwardForm
    page_title = _("Award a badge")
    header_icon = "success"
    success_url = reverse_lazy("gamification_badge_awards")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("gamification_badge_awards"), "label": _("Badge awards")},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        initial = super().get_initial()
        badge = self.request.GET.get("badge", "")
        if badge.isdigit():
            initial["badge"] = int(badge)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"action_url": self.request.get_full_path(), "submit_button_label": _("Award")})
        return context

    def form_valid(self, form):
        member, badge = form.cleaned_data["member"], form.cleaned_data["badge"]
        _award, created = award_by_hand(
            member=member, badge=badge, reason=form.cleaned_data["reason"], by=self.request.user
        )
        params = {"badge": badge.display_name, "member": member.name}
        if created:
            messages.success(self.request, _("“%(badge)s” awarded to %(member)s.") % params)
        else:
            messages.warning(self.request, _("%(member)s already has “%(badge)s”.") % params)
        return redirect(self.get_success_url())


class RevokeForm(_ReasonRequired, forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anyone who checks the badge sees this reason."),
        max_length=2000,
    )


class RevokeBadgeView(_MastersOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = RevokeForm
    allowed = staticmethod(policies.can_revoke_badges)
    page_title = _("Revoke a badge")
    header_icon = "cross"
    success_url = reverse_lazy("gamification_badge_awards")

    @cached_property
    def award(self) -> BadgeAward:
        return get_object_or_404(BadgeAward.objects.select_related("badge", "member"), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return f"{self.award.badge.display_name} · {self.award.member.name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("gamification_badge_awards"), "label": _("Badge awards")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"action_url": self.request.get_full_path(), "submit_button_label": _("Revoke")})
        return context

    def form_valid(self, form):
        if self.award.revoked_at is not None:
            messages.warning(self.request, _("This badge was already revoked."))
        else:
            revoke(award=self.award, reason=form.cleaned_data["reason"], by=self.request.user)
            messages.success(
                self.request,
                _("“%(badge)s” revoked for %(member)s.")
                % {"badge": self.award.badge.display_name, "member": self.award.member.name},
            )
        return redirect(self.get_success_url())
