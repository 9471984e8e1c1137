"""Challenge and content-flow pages.

Who may open what:
- challenges list/detail, submit a story, my stories, my feed: any signed-in member
  (submitting: Creators, or anyone in a challenge that allows it; the service decides);
- review queue and decisions: Social Editors (their department) and Masters; others 403;
- compliments: Masters and Activators; others 403;
- manage pages (list, create, edit, state changes, preview, judge): Masters, and
  Activators for their own department's challenges; others 403;
- ``/s/<code>`` and the public story page: everyone, no login.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from core.ids import id_from
from people.models import Department, Location, Role

from . import selectors, services
from .models import Audience, Challenge, ChallengeKind, ChallengeState, Network, ShareLink, Story, StoryStatus


def _error(request, exc: ServiceError):
    messages.error(request, exc.message)


# --- members --------------------------------------------------------------------------


@login_required
def challenge_list(request):
    member = request.user
    challenges = list(selectors.visible_challenges(member=member))
    now = timezone.now()
    context = {
        "open": [c for c in challenges if c.state == ChallengeState.OPEN and c.closes_at > now],
        "past": [c for c in challenges if c.state in (ChallengeState.CLOSED, ChallengeState.JUDGED)],
        "can_launch": services.can_launch(member),
    }
    return render(request, "challenges/list.html", context)


def _detail_context(member, challenge: Challenge) -> dict:
    now = timezone.now()
    is_open = challenge.state == ChallengeState.OPEN and challenge.closes_at > now
    entries = list(
        Story.objects.filter(creator=member, challenge=challenge).order_by("-submitted_at").prefetch_related("images")
    )
    used = sum(1 for s in entries if s.status != StoryStatus.REJECTED)
    may_submit = (
        is_open
        and services.in_audience(member, challenge)
        and (services.is_creator(member) or challenge.open_to_all_members)
        and used < challenge.entries_per_member
    )
    return {
        "challenge": challenge,
        "is_open": is_open,
        "entries": entries,
        "entries_left": max(challenge.entries_per_member - used, 0),
        "may_submit": may_submit,
        "tied": len(challenge.winners) > 1,
        "can_manage": services.can_manage(member, challenge),
    }


@login_required
def challenge_detail(request, pk):
    challenge = get_object_or_404(selectors.visible_challenges(member=request.user), pk=pk)
    return render(request, "challenges/detail.html", _detail_context(request.user, challenge))


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
    video = forms.FileField(
        label=gettext_lazy("Video (optional; MP4 or MOV, 200 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/quicktime"}),
    )


@login_required
def submit_story(request):
    member = request.user
    challenge = None
    challenge_id = request.GET.get("challenge") or request.POST.get("challenge")
    if challenge_id:
        challenge = get_object_or_404(selectors.open_challenges(member=member), pk=id_from(challenge_id))
    elif not services.is_creator(member):
        raise PermissionDenied
    form = StoryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_story(
                member=member,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                link_url=form.cleaned_data["link_url"],
                images=request.FILES.getlist("images"),
                video=request.FILES.get("video"),
                challenge=challenge,
            )
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you! Your story is waiting for the editor."))
            return redirect("challenges:my_stories")
    status = 400 if request.method == "POST" else 200
    return render(request, "challenges/submit.html", {"form": form, "challenge": challenge}, status=status)


@login_required
def my_stories(request):
    stories = selectors.my_stories(member=request.user).prefetch_related("decisions")
    return render(request, "challenges/my_stories.html", {"stories": stories})


@login_required
@require_POST
def resubmit(request, pk):
    story = get_object_or_404(Story, pk=pk, creator=request.user)
    try:
        services.resubmit_story(
            member=request.user,
            story=story,
            text=request.POST.get("text"),
            link_url=request.POST.get("link_url"),
            images=request.FILES.getlist("images"),
        )
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Sent again: your story is back in the review queue."))
    return redirect("challenges:my_stories")


@login_required
def feed(request):
    member = request.user
    stories = list(selectors.suggestion_feed(member=member)[:30])
    disclosure = services.disclosure_line()
    for story in stories:
        story.suggested_caption = services.caption_for(story=story, disclosure=disclosure)
        story.shared_on = {share.network for share in story.my_shares}
    context = {"stories": stories, "networks": Network.choices, "can_compliment": services.can_compliment(member)}
    return render(request, "challenges/feed.html", context)


def _approved(pk) -> Story:
    return get_object_or_404(Story.objects.select_related("challenge"), pk=pk, status=StoryStatus.APPROVED)


@login_required
@require_POST
def share(request, pk):
    """The member chose a network: record it and open the network's own dialog."""
    story = _approved(pk)
    network = request.POST.get("network", "")
    try:
        link, _share, _created = services.share_story(member=request.user, story=story, network=network)
    except ServiceError as exc:
        _error(request, exc)
        return redirect("challenges:feed")
    payload = services.share_payload(link=link, network=network, caption=request.POST.get("caption"))
    return HttpResponseRedirect(payload["share_url"])


@login_required
@require_POST
def dismiss(request, pk):
    services.dismiss_suggestion(member=request.user, story=_approved(pk))
    messages.success(request, _("Hidden from your feed."))
    return redirect("challenges:feed")


@login_required
@require_POST
def compliment(request, pk):
    if not services.can_compliment(request.user):
        raise PermissionDenied
    story = _approved(pk)
    try:
        _c, created = services.give_compliment(by=request.user, story=story, message=request.POST.get("message", ""))
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(
            request, _("Your compliment is sent.") if created else _("You already complimented this story.")
        )
    return redirect(request.POST.get("next") or "challenges:feed")


# --- public ---------------------------------------------------------------------------


@never_cache
def share_redirect(request, code):
    """A tracked link: count the visit (the service applies the rules) and send the visitor
    on to the story's public page, UTM tags included."""
    link = ShareLink.objects.select_related("story").filter(code=code[:20]).first()
    if link is None or link.story.status != StoryStatus.APPROVED:
        raise Http404
    services.record_click(
        link=link,
        ip=request.META.get("REMOTE_ADDR", ""),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:500],
        viewer=request.user if request.user.is_authenticated else None,
    )
    target = reverse("challenges:public_story", args=[link.story.public_id])
    utm = {k: v[:60] for k, v in request.GET.items() if k.startswith("utm_")}
    if utm:
        from urllib.parse import urlencode

        target = f"{target}?{urlencode(utm)}"
    return HttpResponseRedirect(target)


def public_story(request, public_id):
    story = selectors.public_story(public_id=public_id[:32])
    if story is None:
        raise Http404
    images = list(story.images.all())
    context = {
        "story": story,
        "images": images,
        "og_image": request.build_absolute_uri(images[0].image.url) if images else "",
        "og_url": request.build_absolute_uri(reverse("challenges:public_story", args=[story.public_id])),
    }
    return render(request, "challenges/public_story.html", context)


# --- editors --------------------------------------------------------------------------


def _editor(request):
    member = request.user
    if not (member.is_master or member.is_editor):
        raise PermissionDenied
    return member


@login_required
def review_queue(request):
    editor = _editor(request)
    stories = list(selectors.review_queue(editor=editor)[:50])
    return render(request, "challenges/review_queue.html", {"stories": stories, "count": len(stories)})


@login_required
@require_POST
def review(request, pk):
    editor = _editor(request)
    story = get_object_or_404(Story, pk=pk)
    if not services.can_review(editor, story):
        raise PermissionDenied
    text = request.POST.get("text")
    try:
        services.review_story(
            editor=editor,
            story=story,
            decision=request.POST.get("decision", ""),
            feedback=request.POST.get("feedback", ""),
            text=text,
            caption=request.POST.get("caption"),
            caption_fixed=request.POST.get("caption_fixed") == "on",
        )
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Decision saved; the creator is notified."))
    return redirect("challenges:review_queue")


# --- Masters and Activators -----------------------------------------------------------


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


def _manager(request):
    if not services.can_launch(request.user):
        raise PermissionDenied
    return request.user


@login_required
def manage(request):
    member = _manager(request)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.create_challenge(by=member, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft saved. Preview it, then schedule it."))
            return redirect("challenges:manage_detail", pk=challenge.pk)
    challenges = selectors.managed_challenges(member=member)
    return render(request, "challenges/manage.html", {"form": form, "challenges": challenges})


def _managed(request, pk) -> Challenge:
    member = _manager(request)
    challenge = get_object_or_404(Challenge, pk=pk)
    if not services.can_manage(member, challenge):
        raise PermissionDenied
    return challenge


@login_required
def manage_detail(request, pk):
    challenge = _managed(request, pk)
    editable = challenge.state in (ChallengeState.DRAFT, ChallengeState.SCHEDULED)
    initial = {
        **{f: getattr(challenge, f) for f in ChallengeForm.base_fields if hasattr(challenge, f)},
        "departments": challenge.departments.all(),
        "locations": challenge.locations.all(),
        "roles": challenge.role_list,
        "opens_at": timezone.localtime(challenge.opens_at).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": timezone.localtime(challenge.closes_at).strftime("%Y-%m-%dT%H:%M"),
    }
    form = ChallengeForm(request.POST or None, initial=initial)
    if request.method == "POST" and editable and form.is_valid():
        try:
            challenge = services.update_challenge(by=request.user, challenge=challenge, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("challenges:manage_detail", pk=challenge.pk)
    context = {
        "form": form,
        "editable": editable,
        "preview": _detail_context(request.user, challenge),
        "challenge": challenge,
        "entries": challenge.stories.select_related("creator").order_by("-submitted_at")[:100],
        "judging": challenge.state == ChallengeState.CLOSED,
    }
    return render(request, "challenges/manage_detail.html", context)


TRANSITIONS = {
    "schedule": services.schedule_challenge,
    "unschedule": services.unschedule_challenge,
    "open": services.open_challenge,
    "close": services.close_challenge,
}


@login_required
@require_POST
def manage_action(request, pk, action):
    challenge = _managed(request, pk)
    try:
        if action == "judge":
            services.judge_challenge(by=request.user, challenge=challenge, winner_ids=request.POST.getlist("winner"))
        elif action in TRANSITIONS:
            TRANSITIONS[action](by=request.user, challenge=challenge)
        else:
            raise Http404
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Done: the challenge is now “%(state)s”.") % {"state": _state_label(challenge)})
    return redirect("challenges:manage_detail", pk=pk)


def _state_label(challenge: Challenge) -> str:
    challenge.refresh_from_db(fields=["state"])
    return str(challenge.get_state_display())
