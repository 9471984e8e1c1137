"""Demo outcomes: two managers (their teams' shares nudge them), two waves (the pilot and the
programme's first movers in wave 1, everyone else wave 2), self-reported results on a few
shares, and conversions on tracked links (applications toward the recruitment goal when the
demo has one, a few leads and a hire), sent through the same service the webhook uses.
The Master and HR get the monthly summary. Idempotent: conversions by their external id,
the rest only fills what is still empty."""

import datetime

from django.db.models import Q
from django.utils import timezone

from challenges.models import Conversion, Share, ShareLink
from challenges.services import outcomes
from people.models import Department, Member, Role

# (external id, kind, value, days ago): applications for the recruitment goal, then others.
CONVERSIONS = [
    *[(f"demo-ats-{n}", "application", None, n * 2 + 1) for n in range(1, 8)],
    ("demo-crm-1", "lead", 2500, 4),
    ("demo-crm-2", "lead", 1200, 9),
    ("demo-ats-hire-1", "hire", None, 3),
]
# What some ambassadors noted their LinkedIn posts did (self-reported).
RESULTS = [(34, 5, 2), (12, 1, 0), (58, 9, 4), (7, 0, 1)]


def seed(members: list[Member]) -> None:
    _managers()
    _waves()
    Member.objects.filter(Q(email="master@example.com") | Q(email="hr@example.com")).update(monthly_summary=True)
    _self_reported()
    _conversions()


def _managers() -> None:
    """The demo Activator manages their department; one more member manages another."""
    if Member.objects.filter(manager_of__isnull=False).exists():
        return
    activator = Member.objects.filter(email="activator@example.com").first()
    if activator and activator.department_id:
        Member.objects.filter(pk=activator.pk).update(manager_of=activator.department_id)
    other = (
        Department.objects.exclude(pk=getattr(activator, "department_id", None))
        .filter(members__role=Role.AMBASSADOR)
        .order_by("name")
        .first()
    )
    if other:
        manager = other.members.filter(role=Role.AMBASSADOR).exclude(email__endswith="@example.com").order_by("pk")
        manager = manager.first() or other.members.order_by("pk").first()
        Member.objects.filter(pk=manager.pk).update(manager_of=other)


def _waves() -> None:
    """Wave 1: the pilot and the roles that run or feed the programme; wave 2: the rest."""
    unset = Member.objects.filter(wave__isnull=True)
    unset.filter(Q(in_pilot=True) | ~Q(role=Role.AMBASSADOR)).update(wave=1)
    unset.update(wave=2)


def _self_reported() -> None:
    if Share.objects.filter(results_reported_at__isnull=False).exists():
        return
    shares = list(Share.objects.filter(network="linkedin").order_by("pk")[: len(RESULTS)])
    for share, (reactions, comments, reposts) in zip(shares, RESULTS, strict=False):
        outcomes.report_share_results(
            member=share.member,
            share_id=share.pk,
            post_url=f"https://www.linkedin.com/feed/update/urn:li:activity:{7000000000 + share.pk}/",
            reactions=reactions,
            comments=comments,
            reposts=reposts,
        )


def _conversions() -> None:
    links = list(ShareLink.objects.filter(story__status="approved").select_related("story").order_by("pk"))
    if not links:
        return
    _serve_recruitment(links)
    now = timezone.now()
    done = set(Conversion.objects.values_list("external_id", flat=True))
    for n, (external_id, kind, value, days) in enumerate(CONVERSIONS):
        if external_id in done:
            continue
        link = links[n % len(links)] if kind != "application" else links[n % min(2, len(links))]
        outcomes.record_conversion(
            payload={
                "link": link.code,
                "kind": kind,
                "value": value,
                "occurred_at": (now - datetime.timedelta(days=days)).isoformat(),
                "external_id": external_id,
            }
        )


def _serve_recruitment(links: list[ShareLink]) -> None:
    """The stories the applications come through serve the recruitment goal's first key
    message, when the demo has such a goal (and the story serves none yet)."""
    from strategy.models import Goal

    goal = Goal.objects.filter(measure=Goal.Measure.APPLICATIONS).prefetch_related("messages").first()
    message = goal.messages.first() if goal else None
    if message is None:
        return
    for link in links[:2]:
        if not link.story.messages.exists():
            link.story.messages.add(message)
