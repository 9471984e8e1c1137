"""Badge pages and Open Badges 2.0 hosting.

Public (anyone can verify): the issuer, badge class and assertion JSON-LD, the badge
class and assertion pages, the badge image and the baked PNG. Signed-in members: their
own badges at /badges/. Masters (``gamification.add_badgeaward``): the admin views at the
end of this module to award badges by hand and revoke them (registered in wagtail_hooks).
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.http import require_safe
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView

from people.models import Member

from . import badges, openbadges
from .models import BadgeAward, BadgeClass

JSON_LD = "application/ld+json"


def _json(data: dict, status: int = 200, *, max_age: int = 300) -> JsonResponse:
    response = JsonResponse(data, status=status, content_type=JSON_LD, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch these from the browser too
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _award_or_404(uuid) -> BadgeAward:
    return get_object_or_404(BadgeAward.objects.select_related("badge", "member"), uuid=uuid)


def recipient_name(award: BadgeAward) -> str:
    """The name shown on the public page: never (part of) the e-mail address."""
    return award.member.display_name or award.member.get_full_name() or str(_("a member"))


def linkedin_add_url(award: BadgeAward) -> str:
    """LinkedIn's "Add licence or certification" link, filled in. A plain link: the
    member's browser opens it, nothing is sent to LinkedIn from here."""
    issued = timezone.localtime(award.awarded_at)
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": award.badge.display_name,
        "organizationName": openbadges.issuer_name(),
        "issueYear": issued.year,
        "issueMonth": issued.month,
        "certUrl": openbadges.assertion_page_url(award),
        "certId": str(award.uuid),
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(query)


# --- Open Badges JSON-LD ----------------------------------------------------------------


@require_safe
def issuer_json(request):
    return _json(openbadges.issuer_json())


@require_safe
def badge_class_json(request, pk: int):
    badge = get_object_or_404(BadgeClass, pk=pk)
    return _json(openbadges.badge_class_json(badge, narrative=badges.how_to_earn(badge)))


@require_safe
def assertion_json(request, uuid):
    award = _award_or_404(uuid)
    if award.revoked_at is not None:
        return _json(openbadges.revoked_json(award), status=410, max_age=60)
    return _json(openbadges.assertion_json(award), max_age=60)


# --- images -----------------------------------------------------------------------------


@require_safe
def badge_class_image(request, pk: int):
    badge = get_object_or_404(BadgeClass.objects.select_related("image"), pk=pk)
    response = HttpResponse(openbadges.badge_png(badge), content_type="image/png")
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=300)
    return response


@require_safe
def assertion_png(request, uuid):
    award = _award_or_404(uuid)
    if award.revoked_at is not None:
        return HttpResponse(_("This badge was revoked."), status=410, content_type="text/plain; charset=utf-8")
    response = HttpResponse(openbadges.baked_png(award), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{award.badge.slug}-badge.png"'
    patch_cache_control(response, private=True, max_age=60)
    return response


# --- human pages ------------------------------------------------------------------------


@require_safe
def assertion_page(request, uuid):
    award = _award_or_404(uuid)
    mine = request.user.is_authenticated and request.user.pk == award.member_id
    return render(
        request,
        "gamification/badges/assertion.html",
        {
            "award": award,
            "badge": award.badge,
            "recipient_name": recipient_name(award),
            "issuer_name": openbadges.issuer_name(),
            "issuer_url": openbadges.issuer_json()["url"],
            "how_to_earn": badges.how_to_earn(award.badge),
            "revoked": award.revoked_at is not None,
            "mine": mine,
            "linkedin_url": linkedin_add_url(award) if mine else "",
            "assertion_json_url": openbadges.assertion_id(award),
        },
    )


@require_safe
def badge_class_page(request, pk: int):
    badge = get_object_or_404(BadgeClass, pk=pk)
    return render(
        request,
        "gamification/badges/badge_class.html",
        {
            "badge": badge,
            "how_to_earn": badges.how_to_earn(badge),
            "issuer_name": openbadges.issuer_name(),
            "badge_json_url": openbadges.badge_class_id(badge),
        },
    )


@login_required
def my_badges(request):
    rows = badges.badge_overview(member=request.user)
    for row in rows:
        row.linkedin_url = linkedin_add_url(row.award) if row.earned else ""
    return render(
        request,
        "gamification/badges/my_badges.html",
        {"rows": rows, "earned_count": sum(1 for row in rows if row.earned)},
    )


# --- admin (Masters): award by hand, revoke ----------------------------------------------


class _MastersOnly:
    """403 for anyone in the admin without the permission (Wagtail's own wrapper already
    sends people without admin access to the login page)."""

    permission = "gamification.add_badgeaward"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
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
        _award, created = badges.award_by_hand(
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
    permission = "gamification.change_badgeaward"
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
            badges.revoke(award=self.award, reason=form.cleaned_data["reason"], by=self.request.user)
            messages.success(
                self.request,
                _("“%(badge)s” revoked for %(member)s.")
                % {"badge": self.award.badge.display_name, "member": self.award.member.name},
            )
        return redirect(self.get_success_url())


class BadgeClassDeleteView(SnippetDeleteView):
    """Awarded badges are history (their assertions stay verifiable): they can be
    switched off, not deleted."""

    def form_valid(self, form):
        if self.object.awards.exists():
            messages.error(
                self.request,
                _("“%(badge)s” has been awarded, so it cannot be deleted. Untick “active” to retire it instead.")
                % {"badge": self.object.display_name},
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)
