"""Who an approved story is suggested to and when: the editor's choice when approving
(departments, locations, roles, languages; from and until), checked before anything is
stored, and the key messages a story serves (picked by the creator, corrected by the
editor), checked against the active messages of the content strategy."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput
from core.i18n import LANGUAGE_CHOICES
from people.models import Department, Location, Role
from strategy import selectors as strategy_selectors

from ..models import Challenge, Story


@dataclass
class Targeting:
    """The editor's choice; empty lists mean everyone."""

    departments: list[int] = field(default_factory=list)
    locations: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    share_from: datetime.datetime | None = None
    share_until: datetime.datetime | None = None


def _ids(values, model, what) -> list[int]:
    try:
        ids = sorted({int(v) for v in values or []})
    except (TypeError, ValueError):
        raise InvalidInput(_("Choose %(what)s from the list.") % {"what": what}, code="unknown_audience") from None
    if ids and model.objects.filter(pk__in=ids).count() != len(ids):
        raise InvalidInput(_("Choose %(what)s from the list.") % {"what": what}, code="unknown_audience")
    return ids


def check_targeting(
    *, audience: dict | None = None, share_from: datetime.datetime | None = None, share_until=None
) -> Targeting:
    """The editor's audience and period, checked (two queries at most); returns a
    ``Targeting``. Raises ``InvalidInput``: ``code="unknown_audience"`` for an unknown
    department, location, role or language, ``code="share_period_invalid"`` when the period
    ends before it starts."""
    audience = audience or {}
    if not isinstance(audience, dict):
        raise InvalidInput(
            _("The audience must name departments, locations, roles or languages."), code="unknown_audience"
        )
    roles = sorted({str(r) for r in audience.get("roles") or []})
    languages = sorted({str(code) for code in audience.get("languages") or []})
    if not set(roles) <= set(Role.values):
        raise InvalidInput(_("Choose %(what)s from the list.") % {"what": _("roles")}, code="unknown_audience")
    if not set(languages) <= {code for code, _name in LANGUAGE_CHOICES}:
        raise InvalidInput(_("Choose %(what)s from the list.") % {"what": _("languages")}, code="unknown_audience")
    if share_from and share_until and share_until <= share_from:
        raise InvalidInput(_("The suggestion must end after it starts."), code="share_period_invalid")
    return Targeting(
        departments=_ids(audience.get("departments"), Department, _("departments")),
        locations=_ids(audience.get("locations"), Location, _("locations")),
        roles=roles,
        languages=languages,
        share_from=share_from,
        share_until=share_until,
    )


def apply_targeting(story: Story, targeting: Targeting) -> None:
    """Store the choice on a saved story (the caller holds its row lock and saves it)."""
    story.share_from = targeting.share_from
    story.share_until = targeting.share_until
    story.target_roles = f",{','.join(targeting.roles)}," if targeting.roles else ""
    story.target_languages = f",{','.join(targeting.languages)}," if targeting.languages else ""
    story.target_departments.set(targeting.departments)
    story.target_locations.set(targeting.locations)


def story_messages(*, ids, challenge: Challenge | None = None) -> list:
    """The key messages a story serves: the ids given (``None``: the challenge's active
    messages, as suggested). Raises ``InvalidInput`` (``code="unknown_message"``)."""
    if ids is None:
        if challenge is None:
            return []
        return list(challenge.messages.filter(active=True, goal__active=True))
    return strategy_selectors.messages_by_ids(ids)
