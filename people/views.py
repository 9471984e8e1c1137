"""Pages about the member themselves. All need a signed-in member, except the language
switch, the join link and the "forgot password" pages, which anyone may use."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.errors import ServiceError

from . import policies, selectors, services
from .errors import InvitationAlreadyAccepted, InvitationError
from .forms import ChangePasswordForm, PasswordResetRequestForm, ProfileForm, ResetPasswordForm


@login_required
def profile(request):
    member = selectors.member_with_relations(member_id=request.user.pk)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=member)
        if form.is_valid():
            try:
                services.update_profile(member=member, **form.changes())
            except ServiceError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("people:profile")
    else:
        form = ProfileForm(instance=member)
    return render(request, "people/profile.html", {"member": member, "form": form})


@login_required
def notifications(request):
    if request.method == "POST":
        services.mark_read(member=request.user)
        return redirect("people:notifications")
    items = list(selectors.notifications_for(member=request.user))
    return render(request, "people/notifications.html", {"notifications": items})


@require_POST
def set_language(request):
    """Switch language: stored on the member when signed in, in a cookie otherwise."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            services.set_language(member=request.user, language=language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def admin_login(request):
    """Wagtail's admin login address: anyone. Sends to the one login page (``/login/``),
    keeping ``next``, so the admin has no way in around the limits on failed attempts."""
    target = reverse("login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        target += "?" + urlencode({"next": next_url})
    return HttpResponseRedirect(target)


def join(request, token):
    """The invitation's join link: anyone holding a valid, unexpired link. Shows the
    Master's message and video and creates the account; onboarding follows."""
    try:
        invitation = selectors.invitation_for_token(token)
    except InvitationAlreadyAccepted as exc:
        if request.user.is_authenticated:  # joined already (back button, second click): carry on
            return redirect("onboarding" if request.user.onboarded_at is None else "/")
        return render(request, "people/join.html", {"problem": exc.message}, status=exc.status_code)
    except ServiceError as exc:
        return render(request, "people/join.html", {"problem": exc.message}, status=exc.status_code)
    errors = []
    if request.method == "POST":
        if request.POST.get("password") != request.POST.get("password2"):
            errors.append(_("The two passwords are not the same."))
        else:
            try:
                member = services.accept(
                    token=token, password=request.POST.get("password", ""), display_name=request.POST.get("name", "")
                )
            except ServiceError as exc:
                errors.append(exc.message)
            else:
                login(request, member, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("onboarding")
    return render(request, "people/join.html", {"invitation": invitation, "errors": errors})


@login_required
def invite(request):
    """Invite people by e-mail from a CSV file or pasted lines. Social Masters, and Social
    Activators into their own department (who see only their department's invitations);
    all rows or none, with the problems listed per line."""
    if not policies.can_invite(request.user):
        raise PermissionDenied
    errors, problem = [], None
    department_id = policies.programme_department(request.user)
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is not None:
                rows = services.rows_from_upload(upload=upload)
            else:
                rows = services.rows_from_pasted(text=request.POST.get("rows", ""))
            created = services.invite(
                rows=rows,
                by=request.user,
                message=request.POST.get("message", ""),
                video_url=request.POST.get("video_url", "").strip(),
            )
        except InvitationError as exc:
            problem, errors = exc.message, exc.errors
        else:
            messages.success(
                request,
                ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", len(created))
                % {"count": len(created)},
            )
            return redirect("people:invite")
    return render(
        request,
        "people/invite.html",
        {
            "problem": problem,
            "errors": errors,
            "recent": selectors.recent_invitations(department_id=department_id),
            "department": request.user.department if department_id else None,
            "data": request.POST,
        },
    )


# --- passwords and sessions --------------------------------------------------------------
# Django's own views with our forms and templates (cms/templates/registration/).


class PasswordResetView(auth_views.PasswordResetView):
    """ "Forgot password": anyone. The same answer whether or not the address has an account;
    the e-mail goes through Celery in the member's language (``services.request_password_reset``)."""

    form_class = PasswordResetRequestForm


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    """ "Check your e-mail": anyone; says how long the link works."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "valid_for": services.reset_link_valid_for()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the e-mail: anyone holding a valid, unexpired link
    (``PASSWORD_RESET_TIMEOUT``); a used, expired or tampered link shows a message."""

    form_class = ResetPasswordForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password from the profile: the signed-in member, for themselves only. The
    current session stays, every other one ends (the session hash follows the password)."""

    form_class = ChangePasswordForm
    template_name = "people/password_change.html"
    success_url = reverse_lazy("people:profile")

    def form_valid(self, form):
        response = super().form_valid(form)  # saves and keeps this session (update_session_auth_hash)
        messages.success(
            self.request, _("Your password has been changed. Other browsers and apps have been logged out.")
        )
        return response


@login_required
@require_POST
def log_out_everywhere(request):
    """ "Log out everywhere": the signed-in member ends all their own sessions and API tokens
    and stays logged in here. Acts on ``request.user`` only, so nobody can end another's."""
    try:
        services.log_out_everywhere(member=request.user, actor=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        update_session_auth_hash(request, request.user)
        messages.success(request, _("You have been logged out on every other browser and app."))
    return redirect("people:profile")
