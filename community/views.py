"""The community pages: parse, ask ``community.policies``, call a service or a selector,
render.

Who may open what:
- spaces, a space, a thread, new thread, search: members who read the space (others 404);
- posting, replying (with the honeypot field), reacting, reporting, following, accepting:
  the service decides (its refusal is shown as a message);
- the moderation queue and decisions: Social Masters and the spaces' moderators (others 403);
- a post's image (``/community/media/<name>``): who may see the post (``policies.can_see_post``:
  reads the space, and the post is published or their own or they moderate it), signed in
  or with an API token; anyone else 404, as if it did not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import storage, uploads
from core.errors import ServiceError
from core.ids import id_from

from . import policies, selectors, services
from .models import MAX_POST_IMAGES, PostStatus, Reaction, SanctionKind, post_media_storage

HONEYPOT = "website"


def _space_or_404(member, pk):
    space = selectors.find_space(pk=pk)
    if space is None or not policies.can_read_space(member, space):
        raise Http404
    return space


def _thread_or_404(member, pk):
    thread = selectors.find_thread(pk=pk)
    if thread is None or not policies.can_read_space(member, thread.space):
        raise Http404
    return thread


def _post_or_404(member, pk):
    post = selectors.find_post(pk=pk)
    if post is None or not policies.can_see_post(member, post):
        raise Http404
    return post


def _tell(request, post):
    if post.status == "pending":
        messages.info(request, _("Thanks! Your post waits for a moderator before others see it."))
    else:
        messages.success(request, _("Posted."))


@login_required
def spaces(request):
    member = request.user
    return render(
        request,
        "community/spaces.html",
        {"spaces": list(selectors.spaces_for(member=member)), "can_moderate": policies.can_moderate_anything(member)},
    )


@login_required
def space(request, pk):
    member = request.user
    space = _space_or_404(member, pk)
    return render(
        request,
        "community/space.html",
        {
            "space": space,
            "threads": list(selectors.threads_in(space=space, member=member)[:100]),
            "can_post": policies.can_post_in_space(member, space),
        },
    )


@login_required
def new_thread(request, pk):
    member = request.user
    space = _space_or_404(member, pk)
    form = {"title": "", "body": "", "is_question": False}
    if request.method == "POST":
        form = {
            "title": request.POST.get("title", ""),
            "body": request.POST.get("body", ""),
            "is_question": bool(request.POST.get("is_question")),
        }
        try:
            thread, post = services.create_thread(
                member=member,
                space=space,
                images=request.FILES.getlist("images"),
                honeypot=request.POST.get(HONEYPOT, ""),
                **form,
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            _tell(request, post)
            return redirect("community:thread", thread.pk)
    return render(
        request,
        "community/new_thread.html",
        {
            "space": space,
            "form": form,
            "honeypot": HONEYPOT,
            "can_post": policies.can_post_in_space(member, space),
            "max_images": MAX_POST_IMAGES,
            "max_image_mb": uploads.max_image_bytes() // 1024 // 1024,
        },
    )


@login_required
def thread(request, pk):
    member = request.user
    thread = _thread_or_404(member, pk)
    posts = list(selectors.posts_in(thread=thread, member=member))
    for post in posts:
        post.reaction_counts = selectors.reaction_counts(post)
    can_moderate = policies.can_moderate_space(member, thread.space)
    return render(
        request,
        "community/thread.html",
        {
            "thread": thread,
            "space": thread.space,
            "posts": posts,
            "can_reply": policies.can_reply(member, thread),
            "can_accept": policies.can_accept_answer(member, thread),
            "can_moderate": can_moderate,
            "following": selectors.follows(member=member, thread=thread),
            "emoji": Reaction.EMOJI,
            "honeypot": HONEYPOT,
            "reply_to": next((p for p in posts if str(p.pk) == request.GET.get("reply_to")), None),
            "quote": request.GET.get("quote") == "1",
            "max_images": MAX_POST_IMAGES,
            "max_image_mb": uploads.max_image_bytes() // 1024 // 1024,
        },
    )


@login_required
@require_POST
def reply(request, pk):
    member = request.user
    thread = _thread_or_404(member, pk)
    reply_to = None
    if request.POST.get("reply_to"):
        reply_to = selectors.find_post(pk=id_from(request.POST["reply_to"]))
    try:
        post = services.create_post(
            member=member,
            thread=thread,
            body=request.POST.get("body", ""),
            reply_to=reply_to,
            quote=bool(request.POST.get("quote")),
            images=request.FILES.getlist("images"),
            honeypot=request.POST.get(HONEYPOT, ""),
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("community:thread", thread.pk)
    _tell(request, post)
    return redirect(reverse("community:thread", args=[thread.pk]) + f"#post-{post.pk}")


def _post_action(request, pk, act):
    post = _post_or_404(request.user, pk)
    try:
        act(post)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("community:thread", args=[post.thread_id]) + f"#post-{post.pk}")


@login_required
@require_POST
def react(request, pk):
    return _post_action(
        request, pk, lambda post: services.react(member=request.user, post=post, emoji=request.POST.get("emoji", ""))
    )


@login_required
@require_POST
def report(request, pk):
    def act(post):
        services.report_post(member=request.user, post=post, reason=request.POST.get("reason", ""))
        messages.success(request, _("Thanks. A moderator will look at it."))

    return _post_action(request, pk, act)


@login_required
@require_POST
def accept(request, pk):
    return _post_action(request, pk, lambda post: services.accept_answer(member=request.user, post=post))


@login_required
@require_POST
def follow(request, pk):
    thread = _thread_or_404(request.user, pk)
    services.follow_thread(member=request.user, thread=thread, follow=request.POST.get("follow") == "1")
    return redirect("community:thread", thread.pk)


@require_GET
def post_media(request, name):
    """A post's image from private storage, for who may see the post; anyone else (also
    someone not signed in) gets 404, so a link passed on shows nothing."""
    image = selectors.find_image(name=name)
    if image is None or not policies.can_see_post(storage.viewer(request), image.post):
        raise Http404
    # Never in a shared cache: a post can still be hidden or deleted.
    published = image.post.status == PostStatus.PUBLISHED
    cache_control = "private, max-age=300" if published else "private, no-store"
    return storage.serve(post_media_storage(), image.image.name, cache_control=cache_control)


@login_required
def search(request):
    query = request.GET.get("q", "")
    results = selectors.search(member=request.user, query=query)
    return render(request, "community/search.html", {"query": query, "results": results})


# --- moderation -------------------------------------------------------------------------


@login_required
def queue(request):
    member = request.user
    if not policies.can_moderate_anything(member):
        raise PermissionDenied
    return render(
        request,
        "community/queue.html",
        {"posts": list(selectors.moderation_queue(member=member)[:100]), "sanctions": SanctionKind.choices},
    )


@login_required
@require_POST
def moderate(request, pk):
    member = request.user
    post = selectors.find_post(pk=pk)
    if post is None or not policies.can_moderate_space(member, post.thread.space):
        raise PermissionDenied
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action in ("lock", "unlock"):
            services.set_thread_lock(moderator=member, thread=post.thread, locked=action == "lock", reason=reason)
        elif action in SanctionKind.values:
            if post.author is None:
                raise Http404
            services.sanction_member(
                moderator=member,
                member=post.author,
                kind=action,
                days=int(request.POST.get("days") or 0),
                reason=reason,
                space=post.thread.space,
            )
        else:
            services.moderate_post(
                moderator=member, post=post, action=action, reason=reason, body=request.POST.get("body")
            )
    except (ServiceError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", _("Choose between 1 and 365 days.")))
    else:
        messages.success(request, _("Done. The decision is logged and the author is told."))
    if request.POST.get("next") == "thread":
        return redirect("community:thread", post.thread_id)
    return redirect("community:queue")
