"""The site's main menu, per role, built in one place: ``base.html`` renders whatever
``menu_for`` returns (through ``cms.context_processors.navigation``), so a template never
asks who the member is. A new page for some roles is one entry here, with its policy."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people import policies as people_policies
from people import selectors as people_selectors


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str
    url: str
    active: bool = False
    # A number beside the label (unread notifications); None shows no badge at all.
    count: int | None = None
    # The badge's element id, for scripts that keep the number live.
    badge_id: str = ""


def _is_active(url: str, path: str) -> bool:
    return bool(path) and (path == url or (url != "/" and path.startswith(url)))


def menu_for(*, member, path: str = "") -> list[MenuItem]:
    """The main menu for ``member`` (anonymous visitors included) on the page at ``path``:
    what every signed-in member uses, then what their role adds. At most three queries
    (the unread count, and the member's permissions when they may use the admin)."""
    if member is None or not member.is_authenticated:
        return [MenuItem("login", _("Log in"), reverse("login"), _is_active(reverse("login"), path))]
    entries = [
        ("learning", _("My learning"), reverse("learning:dashboard")),
        ("sessions", _("Sessions"), reverse("events:sessions")),
        ("challenges", _("Challenges"), reverse("challenges:list")),
        ("leaderboard", _("Leaderboard"), reverse("gamification:leaderboard")),
        ("points", _("My points"), reverse("gamification:points")),
        ("badges", _("Badges"), reverse("gamification:badges")),
        ("prizes", _("Prize"), reverse("gamification:prizes")),
    ]
    items = [MenuItem(key, label, url, _is_active(url, path)) for key, label, url in entries]
    notifications = reverse("people:notifications")
    items.append(
        MenuItem(
            "notifications",
            _("Notifications"),
            notifications,
            _is_active(notifications, path),
            count=people_selectors.unread_count(member_id=member.pk),
            badge_id="unread-count",
        )
    )
    if people_policies.can_see_reports(member):
        reports = reverse("reports:dashboard")
        items.append(MenuItem("reports", _("Reports"), reports, _is_active(reports, path)))
    profile = reverse("people:profile")
    items.append(MenuItem("profile", member.name, profile, _is_active(profile, path)))
    if people_policies.can_use_admin(member):
        items.append(MenuItem("admin", _("Admin"), "/admin/", _is_active("/admin/", path)))
    return items
