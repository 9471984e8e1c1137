"""Editorial review: an editor's decision on a submitted story (approve, possibly with an
edited text; request changes; reject), logged and told to the creator; and a manager's
compliment on an approved story. Who may review or compliment is ``challenges.policies``'."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput
from core.locking import lock
from people import services as people_services
from people.models import Member
from strategy.services import plan as strategy_plan

from .. import policies
from ..errors import InvalidTransition
from ..models import Compliment, Decision, ReviewDecision, Story, StoryStatus
from .rewards import reward_approval
from .targeting import Targeting, apply_targeting, story_messages

_DECISION_TEXTS = {
    Decision.APPROVE: (_("Your story was approved"), _("Colleagues can now share “%(story)s”.")),
    Decision.REQUEST_CHANGES: (
        _("Your story needs a change"),
        _("The editor asks for a change to “%(story)s”: %(feedback)s"),
    ),
    Decision.REJECT: (_("Your story was not approved"), _("“%(story)s” was not approved: %(feedback)s")),
}


def review_story(
    *,
    editor: Member,
    story: Story,
    decision: str,
    feedback: str = "",
    text: str | None = None,
    caption: str | None = None,
    caption_fixed: bool | None = None,
    messages=None,
    targeting: Targeting | None = None,
) -> Story:
    """An editor's decision: approve (optionally with an edited text and caption; the
    creator's original stays), request changes (feedback required) or reject (a reason
    required). Logs a ``ReviewDecision``, awards the approval's points, tells the creator;
    returns the story as it now is.

    Locks the story row: of two editors (or a double click) deciding at once, the second
    finds the story decided. Approving an approved story again is a no-op, so a retry
    never awards twice. Raises ``NotAllowed`` (``policies.check_review``),
    ``InvalidInput`` (an unknown decision, feedback missing), ``InvalidTransition`` (any
    other decision on a decided story; ``code="story_withdrawn"`` for a withdrawn one).

    ``messages`` (ids; ``None``: unchanged) corrects the key messages the story serves, with
    any decision (``InvalidInput`` ``code="unknown_message"``). ``targeting`` (approve only;
    ``targeting.check_targeting``) is who the story is suggested to and when."""
    policies.check_review(editor, story)
    if decision not in Decision.values:
        raise InvalidInput(_("Choose approve, request_changes or reject."))
    feedback = (feedback or "").strip()
    if decision != Decision.APPROVE and not feedback:
        raise InvalidInput(
            _("Tell the creator what to change.")
            if decision == Decision.REQUEST_CHANGES
            else _("Give the creator a reason.")
        )
    served = None if messages is None else story_messages(ids=messages)
    with transaction.atomic():
        lock(story)
        locked = Story.objects.select_related("creator", "challenge").get(pk=story.pk)
        if locked.status == StoryStatus.APPROVED and decision == Decision.APPROVE:
            return locked
        if locked.status == StoryStatus.WITHDRAWN:
            raise InvalidTransition(_("The creator withdrew this story."), code="story_withdrawn")
        if locked.status != StoryStatus.SUBMITTED:
            raise InvalidTransition(_("This story has already been reviewed."))
        now = timezone.now()
        edited = False
        if decision == Decision.APPROVE:
            if text is not None and text.strip() and text.strip() != locked.text:
                locked.text = text.strip()
                edited = True
            locked.edited_by_editor = locked.edited_by_editor or edited
            if caption is not None:
                locked.caption = caption.strip()
            if not locked.caption:
                locked.caption = locked.text[:1000]
            if caption_fixed is not None:
                locked.caption_fixed = bool(caption_fixed)
            locked.status = StoryStatus.APPROVED
            locked.approved_at = now
            if targeting is not None:
                apply_targeting(locked, targeting)
        elif decision == Decision.REQUEST_CHANGES:
            locked.status = StoryStatus.CHANGES_REQUESTED
        else:
            locked.status = StoryStatus.REJECTED
        locked.feedback = feedback
        locked.reviewed_by = editor
        locked.save()
        if served is not None:
            locked.messages.set(served)
        ReviewDecision.objects.create(
            story=locked, editor=editor, decision=decision, feedback=feedback, edited=edited, created_at=now
        )
        if decision == Decision.APPROVE:
            reward_approval(story=locked)
            strategy_plan.follow_story(story_id=locked.pk, story_status="approved")
        _notify_decision(locked, decision, feedback)
    return locked


def _notify_decision(story: Story, decision: str, feedback: str) -> None:
    title, body = _DECISION_TEXTS[decision]
    people_services.notify(
        member=story.creator,
        kind=f"story_{decision}",
        title=title,
        body=body,
        params={"story": str(story)[:80], "feedback": feedback},
        url=reverse("challenges:my_stories"),
        dedupe_key=f"story-{decision}:{story.pk}:{story.submitted_at.timestamp():.0f}",
    )


def give_compliment(*, by: Member, story: Story, message: str = "") -> tuple[Compliment, bool]:
    """A manager's or Master's recognition of a colleague's approved story; returns
    ``(compliment, created)``. Once per person and story: a unique constraint decides
    between twins (locks nothing), and only the one that created it tells the creator.
    Raises ``NotAllowed``, ``NotFound`` (not approved), ``InvalidInput`` (one's own story);
    see ``policies.check_compliment``."""
    policies.check_compliment(by, story)
    message = (message or "").strip()[:500]
    try:
        with transaction.atomic():
            compliment, created = Compliment.objects.get_or_create(story=story, by=by, defaults={"message": message})
    except IntegrityError:
        return Compliment.objects.get(story=story, by=by), False
    if created:
        people_services.notify(
            member=story.creator,
            kind="story_compliment",
            title=_("%(name)s complimented your story"),
            body=_("“%(story)s”: %(message)s") if message else _("“%(story)s”"),
            params={"name": by.name, "story": str(story)[:80], "message": message},
            url=reverse("challenges:my_stories"),
            dedupe_key=f"compliment:{compliment.pk}",
        )
    return compliment, created
