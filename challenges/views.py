"""Challenge and content-flow pages: parse, ask ``challenges.policies``, call a service or a
selector, render.

Who may open what:
- challenges list/detail, submit a story, my stories, my feed: any signed-in member
  (submitting: Creators, or anyone in a challenge that allows it; the service decides);
- send again, withdraw: the story's creator (others: 404);
- review queue and decisions: Social Editors (their department) and Masters; others 403;
- compliments: Masters and Activators; others 403;
- manage pages (list, create, edit, state changes, preview, judge): Masters, and
  Activators for their own department's challenges; others 403;
- ``/s/<code>`` and the public story page: everyone, no login;
- a story's photos and video (``/story-media/…``): its creator and reviewers always, everyone
  (no login) while it is approved; others 404.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core import storage
from core.errors import NotFound, ServiceError
from core.ids import id_from
from strategy import selectors as strategy_selectors
from strategy.models import CalendarEntry

from . import policies, selectors, services
from .forms import ChallengeForm, ReviewTargetingForm, StoryForm
from .models import Challenge, ChallengeState, Network, Story, StoryStatus, story_media_storage
from .services import planning
from .services.outcomes import NETWORK_DOMAINS


def _error(request, exc: ServiceError):
    messages.error(request, exc.message)


# --- members --------------------------------------------------------------------------


@login_required
def challenge_list(request):
    member = request.user
    challenges = list(selectors.visible_challenges(member=member))
    now = timezone.now()
    context = {
        "open": [c for c in challenges if c.is_open_at(now)],
        "past": [c for c in challenges if c.state in (ChallengeState.CLOSED, ChallengeState.JUDGED)],
        "can_launch": policies.can_launch_challenges(member),
    }
    return render(request, "challenges/list.html", context)


def _detail_context(member, challenge: Challenge) -> dict:
    now = timezone.now()
    entries = list(selectors.my_entries(member=member, challenge=challenge))
    used = sum(1 for s in entries if s.status != StoryStatus.REJECTED)
    return {
        "challenge": challenge,
        "is_open": challenge.is_open_at(now),
        "entries": entries,
        "entries_left": max(challenge.entries_per_member - used, 0),
        "may_submit": policies.can_enter_challenge(member, challenge, now) and used < challenge.entries_per_member,
        "tied": len(challenge.winners) > 1,
        "can_manage": policies.can_manage_challenge(member, challenge),
    }


@login_required
def challenge_detail(request, pk):
    challenge = get_object_or_404(selectors.visible_challenges(member=request.user), pk=pk)
    return render(request, "challenges/detail.html", _detail_context(request.user, challenge))


@login_required
def submit_story(request):
    member = request.user
    challenge = None
    challenge_id = request.GET.get("challenge") or request.POST.get("challenge")
    if challenge_id:
        challenge = get_object_or_404(selectors.open_challenges(member=member), pk=id_from(challenge_id))
    elif not policies.can_share_moments(member):
        raise PermissionDenied
    form = StoryForm(request.POST or None, request.FILES or None, challenge=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            story = services.submit_story(
                member=member,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                link_url=form.cleaned_data["link_url"],
                images=request.FILES.getlist("images"),
                video=request.FILES.get("video"),
                challenge=challenge,
                photo_consent=form.cleaned_data["photo_consent"],
                messages=form.cleaned_data.get("messages", []),
                checks=form.cleaned_data.get("checks", []),
                plan_item_id=_plan_item_id(request),
            )
        except ServiceError as exc:
            field = {"photo_consent_required": "photo_consent", "guideline_checks_required": "checks"}.get(exc.code)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            reviewers = selectors.story_reviewers(story=story)
            messages.success(
                request,
                _("Thank you! Your story is waiting for review by %(reviewers)s.") % {"reviewers": reviewers.display},
            )
            return redirect("challenges:my_stories")
    status = 400 if request.method == "POST" else 200
    reviewers = selectors.reviewers(department_ids=[member.department_id])[member.department_id]
    context = {"form": form, "challenge": challenge, "reviewers": reviewers}
    return render(request, "challenges/submit.html", context, status=status)


def _plan_item_id(request) -> int | None:
    """The content plan's item the story is written for (``?plan_item=`` from the board)."""
    value = request.GET.get("plan_item", "")
    return int(value) if value.isdigit() else None


@login_required
def my_stories(request):
    stories = selectors.with_reviewers(selectors.my_stories(member=request.user).prefetch_related("decisions"))
    return render(request, "challenges/my_stories.html", {"stories": stories})


@login_required
@require_POST
def resubmit(request, pk):
    story = get_object_or_404(selectors.own_stories(member=request.user), pk=pk)
    try:
        services.resubmit_story(
            member=request.user,
            story=story,
            text=request.POST.get("text"),
            link_url=request.POST.get("link_url"),
            images=request.FILES.getlist("images"),
            photo_consent=request.POST.get("photo_consent") == "on",
        )
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Sent again: your story is back in the review queue."))
    return redirect("challenges:my_stories")


@login_required
@require_POST
def withdraw(request, pk):
    """The creator takes back their own story while it waits (others' stories: 404)."""
    story = get_object_or_404(selectors.own_stories(member=request.user), pk=pk)
    try:
        services.withdraw_story(member=request.user, story=story)
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Your story is withdrawn: it no longer waits for review."))
    return redirect("challenges:my_stories")


@login_required
def feed(request):
    member = request.user
    stories = list(selectors.suggestion_feed(member=member)[:30])
    disclosure = selectors.disclosure_line()
    for story in stories:
        story.suggested_caption = selectors.caption_for(story=story, disclosure=disclosure)
        story.shared_on = {share.network for share in story.my_shares}
    context = {"stories": stories, "networks": Network.choices, "can_compliment": policies.can_compliment(member)}
    return render(request, "challenges/feed.html", context)


def _approved(pk) -> Story:
    return get_object_or_404(selectors.approved_stories(), pk=pk)


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
    payload = selectors.share_payload(link=link, network=network, caption=request.POST.get("caption"))
    return HttpResponseRedirect(payload["share_url"])


@login_required
def my_shares(request):
    """The member's shares, each with a small form for what the post did (self-reported)."""
    shares = selectors.my_shares(member=request.user)[:50]
    return render(request, "challenges/my_shares.html", {"shares": shares, "public_networks": NETWORK_DOMAINS})


@login_required
@require_POST
def share_results(request, pk):
    """Save the self-reported results of one of the member's own shares (others: 404)."""
    fields = {name: request.POST.get(name, "").strip() for name in ("post_url", "reactions", "comments", "reposts")}
    try:
        services.report_share_results(member=request.user, share_id=pk, **fields)
    except NotFound:
        raise Http404 from None
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Saved. Thank you: this shows what sharing brings."))
    return redirect("challenges:my_shares")


@login_required
@require_POST
def dismiss(request, pk):
    services.dismiss_suggestion(member=request.user, story=_approved(pk))
    messages.success(request, _("Hidden from your feed."))
    return redirect("challenges:feed")


@login_required
@require_POST
def compliment(request, pk):
    if not policies.can_compliment(request.user):
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
    link = selectors.share_link(code=code)
    if link is None:
        raise Http404
    services.record_click(
        link=link,
        ip=request.META.get("REMOTE_ADDR", ""),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:500],
        viewer=request.user if request.user.is_authenticated else None,
    )
    target = reverse("challenges:public_story", args=[link.story.public_id])
    utm = {k: v[:60] for k, v in request.GET.items() if k.startswith("utm_")}
    # The code travels on, so the organisation's own site can report a conversion on it
    # (docs/outcomes.md).
    utm.update({"utm_content": link.code, "ss_link": link.code})
    return HttpResponseRedirect(f"{target}?{urlencode(utm)}")


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
        "outbound_url": selectors.outbound_url(story=story, params=request.GET),
    }
    return render(request, "challenges/public_story.html", context)


@require_GET
def story_media(request, name):
    """A story's photo or video from private storage, for who may see it
    (``policies.can_see_story_media``); anyone else gets 404, as if it did not exist."""
    story = selectors.story_of_media(name=name)
    if story is None or not policies.can_see_story_media(storage.viewer(request), story):
        raise Http404
    published = story.status == StoryStatus.APPROVED
    # Never in a shared cache: a story can still be taken down, and then its files must go.
    cache_control = "private, max-age=300" if published else "private, no-store"
    return storage.serve(story_media_storage(), name, cache_control=cache_control)


# --- editors --------------------------------------------------------------------------


def _editor(request):
    if not policies.can_use_review_queue(request.user):
        raise PermissionDenied
    return request.user


@login_required
def review_queue(request):
    editor = _editor(request)
    stories = list(selectors.review_queue(editor=editor)[:50])
    context = {
        "stories": stories,
        "count": len(stories),
        "key_messages": strategy_selectors.active_messages(),
        "targeting_form": ReviewTargetingForm(),
    }
    return render(request, "challenges/review_queue.html", context)


@login_required
@require_POST
def review(request, pk):
    editor = _editor(request)
    story = get_object_or_404(Story, pk=pk)
    if not policies.can_review(editor, story):
        raise PermissionDenied
    decision = request.POST.get("decision", "")
    targeting_form = ReviewTargetingForm(request.POST)
    if not targeting_form.is_valid():
        messages.error(request, _("Check the audience and the dates."))
        return redirect("challenges:review_queue")
    try:
        targeting = None
        if decision == "approve":
            targeting = services.check_targeting(
                audience=targeting_form.audience(),
                share_from=targeting_form.cleaned_data["share_from"],
                share_until=targeting_form.cleaned_data["share_until"],
            )
        services.review_story(
            editor=editor,
            story=story,
            decision=request.POST.get("decision", ""),
            feedback=request.POST.get("feedback", ""),
            text=request.POST.get("text"),
            caption=request.POST.get("caption"),
            caption_fixed=request.POST.get("caption_fixed") == "on",
            messages=request.POST.getlist("messages") if request.POST.get("messages_shown") else None,
            targeting=targeting,
        )
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Decision saved; the creator is notified."))
    return redirect("challenges:review_queue")


# --- Masters and Activators -----------------------------------------------------------


def _manager(request):
    if not policies.can_launch_challenges(request.user):
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
    if not policies.can_manage_challenge(member, challenge):
        raise PermissionDenied
    return challenge


@login_required
def manage_detail(request, pk):
    challenge = _managed(request, pk)
    editable = challenge.state in (ChallengeState.DRAFT, ChallengeState.SCHEDULED)
    form = ChallengeForm(request.POST or None, initial=ChallengeForm.initial_for(challenge))
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
        "entries": selectors.entries(challenge=challenge)[:100],
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
    if action == "plan":
        return _plan_challenge(request, challenge)
    try:
        if action == "judge":
            challenge = services.judge_challenge(
                by=request.user, challenge=challenge, winner_ids=request.POST.getlist("winner")
            )
        elif action in TRANSITIONS:
            challenge = TRANSITIONS[action](by=request.user, challenge=challenge)
        else:
            raise Http404
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(
            request, _("Done: the challenge is now “%(state)s”.") % {"state": challenge.get_state_display()}
        )
    return redirect("challenges:manage_detail", pk=pk)


def _plan_challenge(request, challenge):
    """Plan items for the challenge in the content plan (``services.planning``)."""
    try:
        _items, added = planning.plan_challenge(by=request.user, challenge=challenge)
    except ServiceError as exc:
        _error(request, exc)
        return redirect("challenges:manage_detail", pk=challenge.pk)
    messages.success(request, _("Planned items added to the content plan: %(count)s.") % {"count": added})
    return redirect(
        f"{reverse('strategy:plan_board')}?view=month&day={timezone.localdate(challenge.closes_at):%Y-%m-%d}"
    )


@login_required
@require_POST
def from_calendar(request, pk):
    """Turn a content-calendar day into a draft challenge. Social Masters only (403)."""
    if not policies.can_plan_from_calendar(request.user):
        raise PermissionDenied
    entry = get_object_or_404(CalendarEntry, pk=pk)
    try:
        challenge = services.turn_into_challenge(entry=entry, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('strategy:content_calendar')}?month={entry.starts_on:%Y-%m}")
    messages.success(request, _("A draft challenge is ready. Check it and schedule it."))
    return redirect("challenges:manage_detail", challenge.pk)
