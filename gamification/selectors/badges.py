"""Badges as members see them: every badge with their award, and how each one is earned (the
sentence the pages, the API and the Open Badges criteria show)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import get_language, gettext, ngettext

from gamification.models import BadgeAward, BadgeClass, BadgeCriterion
from people.models import Member

from .levels import all_levels
from .points import action_labels


@dataclass
class BadgeRow:
    badge: BadgeClass
    award: BadgeAward | None
    how_to_earn: str
    linkedin_url: str = ""

    @property
    def earned(self) -> bool:
        return self.award is not None and self.award.revoked_at is None

    @property
    def awarded_at(self) -> datetime.datetime | None:
        return self.award.awarded_at if self.earned else None

    @property
    def revoked(self) -> bool:
        return self.award is not None and self.award.revoked_at is not None


def badge_overview(*, member: Member) -> list[BadgeRow]:
    """Every active badge, plus retired ones the member holds, with the member's award
    (earned ones first, then by name). A constant number of queries: the member's
    awards, the badges, the action labels (and the cached levels)."""
    mine = {a.badge_id: a for a in BadgeAward.objects.filter(member=member)}
    held = [badge_id for badge_id, a in mine.items() if a.revoked_at is None]
    classes = BadgeClass.objects.filter(Q(active=True) | Q(pk__in=held)).order_by("name", "pk")
    labels = action_labels()
    rows = []
    for badge in classes:
        award_obj = mine.get(badge.pk)
        if award_obj is not None:
            award_obj.badge = badge  # spare a query per row
        rows.append(BadgeRow(badge=badge, award=award_obj, how_to_earn=how_to_earn(badge, labels)))
    rows.sort(key=lambda row: not row.earned)
    return rows


def how_to_earn(badge: BadgeClass, labels: dict[str, str] | None = None) -> str:
    """One sentence, in the active language, saying what earns ``badge``."""
    criterion = badge.criterion
    if criterion == BadgeCriterion.ACTION_COUNT:
        labels = action_labels() if labels is None else labels
        action = labels.get(badge.action, badge.action)
        count = max(badge.count, 1)
        if badge.period_days:
            text = ngettext(
                "“%(action)s” at least once within %(days)s days.",
                "“%(action)s” at least %(count)s times within %(days)s days.",
                count,
            )
        else:
            text = ngettext("“%(action)s” at least once.", "“%(action)s” at least %(count)s times.", count)
        return text % {"action": action, "count": count, "days": badge.period_days}
    if criterion == BadgeCriterion.LEVEL:
        names = {number: (name, name_en) for number, name, name_en, _t in all_levels()}
        if badge.level in names:
            name, name_en = names[badge.level]
            display = name_en if (get_language() or "").startswith("en") and name_en else name
            return gettext("Reach level %(number)s (%(name)s).") % {"number": badge.level, "name": display}
        return gettext("Reach level %(number)s.") % {"number": badge.level}
    if criterion == BadgeCriterion.COURSE_COMPLETED:
        return gettext("Complete a specific course.") if badge.ref else gettext("Complete any course.")
    if criterion == BadgeCriterion.PATH_COMPLETED:
        return gettext("Complete a specific learning path.") if badge.ref else gettext("Complete any learning path.")
    if criterion == BadgeCriterion.CHALLENGE_WON:
        return gettext("Win a specific challenge.") if badge.ref else gettext("Win a challenge.")
    if criterion == BadgeCriterion.STREAK_WEEKS:
        count = max(badge.count, 1)
        return ngettext("Earn points in a week.", "Earn points %(count)s weeks in a row.", count) % {"count": count}
    return gettext("Awarded by hand by a Social Master.")
