"""Managers asked to react when someone in their team shares (recognition from managers
motivates most, the seeds say): one nudge per manager and tracked link, never for a
manager's own sharing."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people import services as people_services
from people.models import Member

from ..models import ManagerNudge, ShareLink


def nudge_managers(*, link_id: int) -> int:
    """Notify the managers of the sharer's department that a team member shared a story
    (run after the share commits, ``core.queue``). At most one nudge per manager and link:
    the (manager, link) unique constraint decides between retries (locks nothing). Returns
    how many managers were nudged now; raises nothing."""
    link = ShareLink.objects.select_related("member", "story").filter(pk=link_id).first()
    if link is None or link.member.department_id is None:
        return 0
    managers = Member.objects.filter(manager_of_id=link.member.department_id, is_active=True).exclude(pk=link.member_id)
    nudged = 0
    for manager in managers:
        try:
            with transaction.atomic():
                ManagerNudge.objects.create(manager=manager, link=link)
        except IntegrityError:
            continue
        people_services.notify(
            member=manager,
            kind="manager_nudge",
            title=_("%(name)s shared a story: react to their post"),
            body=_("“%(story)s”. A reaction from you as their manager motivates most."),
            params={"name": link.member.name, "story": str(link.story)[:80]},
            url=reverse("challenges:public_story", args=[link.story.public_id]),
            dedupe_key=f"manager-nudge:{link.pk}",
        )
        nudged += 1
    return nudged
