"""Turning a weak C of the 6 C's self-scan into action: a Social Master suggests a course to
a department's members (or everyone's) with a notification linking it, or puts the C's
suggested actions on an upcoming meetup as action items and tells its hosts. Lives in
``cms`` because it joins ``strategy`` (the scan) with ``courses`` (what is taught) and
``events`` (meetups)."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput, NotAllowed
from core.locking import lock
from courses.models import CoursePage
from events.models import ActionItem, SessionKind, SessionPage
from people.models import Member, Notification
from people.services.notifications import notify
from strategy import policies as strategy_policies
from strategy.models import SixC, suggested_actions
from strategy.services.six_cs import quarter_of


def suggest_course(*, by: Member, course: CoursePage, c: str, department_id: int | None) -> int:
    """Tell the active members of ``department_id`` (None: everyone) that ``course`` helps
    with ``c``, in their language. Once per course, C, department and quarter: a second
    click tells nobody again (the notification's dedupe key).

    Locks nothing. Returns how many members were told for the first time. Raises
    NotAllowed (not a Master) and InvalidInput (``invalid_c``, a course that is not live)."""
    if not strategy_policies.can_act_on_six_cs(by):
        raise NotAllowed(_("Only a Social Master turns a weak C into a course suggestion."))
    if c not in SixC.values:
        raise InvalidInput(_("Choose one of the 6 C's."), code="invalid_c")
    if not course.live:
        raise InvalidInput(_("Choose a published course."), code="course_not_live")
    members = Member.objects.filter(is_active=True)
    if department_id:
        members = members.filter(department_id=department_id)
    key = f"six-cs-course:{course.translation_key}:{c}:{department_id or 0}:{quarter_of(timezone.now())}"
    already = set(Notification.objects.filter(dedupe_key=key).values_list("member_id", flat=True))
    told = 0
    for member in members.exclude(pk__in=already).order_by("pk"):
        notify(
            member=member,
            kind="six_cs_course",
            title=_("A course for %(c)s: %(course)s"),
            body=_("From the 6 C's self-scan: this course helps you grow in %(c)s."),
            url=course.url or "",
            params={"c": SixC(c).label, "course": course.title},
            dedupe_key=key,
            email=False,
        )
        told += 1
    return told


def plan_meetup_actions(*, by: Member, meetup: SessionPage, c: str) -> int:
    """Put the suggested actions of ``c`` (``strategy.models.SUGGESTED_ACTIONS``) on the
    upcoming ``meetup`` as open action items, written in the meetup's language and owned by
    its first host (the Master when it has none), and tell its hosts in-app. Idempotent: an
    action already on the meetup is not added again, and the hosts hear of it once per
    meetup and C (the notification's dedupe key).

    Locks the meetup's row while it compares and adds, so two clicks cannot both add.
    Returns how many action items are new. Raises NotAllowed (not a Master), InvalidInput
    (``invalid_c``; ``not_a_meetup``; ``meetup_not_live`` for an unpublished one;
    ``meetup_past`` for a meetup that started already or was cancelled)."""
    if not strategy_policies.can_act_on_six_cs(by):
        raise NotAllowed(_("Only a Social Master turns a weak C into meetup action items."))
    if c not in SixC.values:
        raise InvalidInput(_("Choose one of the 6 C's."), code="invalid_c")
    if meetup.kind != SessionKind.MEETUP:
        raise InvalidInput(_("Choose a meetup."), code="not_a_meetup")
    with transaction.atomic():
        lock((SessionPage, meetup.pk))
        live = SessionPage.objects.select_related("locale").get(pk=meetup.pk)
        if not live.live:
            raise InvalidInput(_("Choose a published meetup."), code="meetup_not_live")
        if live.cancelled or live.starts_at <= timezone.now():
            raise InvalidInput(
                _("This meetup has already started or is cancelled: choose an upcoming meetup."), code="meetup_past"
            )
        hosts = list(live.hosts.filter(is_active=True).order_by("pk"))
        owner = hosts[0] if hosts else by
        with translation.override(live.locale.language_code):
            texts = [str(text)[:300] for text in suggested_actions(c)]
        existing = set(ActionItem.objects.filter(meetup=live, what__in=texts).values_list("what", flat=True))
        new = [ActionItem(meetup=live, owner=owner, what=text, created_by=by) for text in texts if text not in existing]
        ActionItem.objects.bulk_create(new)
        for host in hosts:
            notify(
                member=host,
                kind="six_cs_meetup",
                title=_("Action items for %(c)s on %(meetup)s"),
                body=_(
                    "From the 6 C's self-scan: the Social Master put actions for %(c)s on your meetup. "
                    "Talk them through with the group."
                ),
                url=live.url or "",
                params={"c": SixC(c).label, "meetup": live.title},
                dedupe_key=f"six-cs-meetup:{live.pk}:{c}",
                email=False,
            )
    return len(new)
