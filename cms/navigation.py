"""The site's main menu, per role, built in one place: ``base.html`` renders whatever
``menu_for`` returns (through ``cms.context_processors.navigation``), so a template never
asks who the member is. A new page for some roles is one entry here, with its policy.

The menu is short on purpose: what every member uses at the top level, what their role
adds beside it, and two groups (``children``) for the rest: "Beheren" (running the
programme) and the member's own corner (profile, their stories, notifications, points,
badges, prize; the template adds "Log out" there)."""

from dataclasses import dataclass, field, replace

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from challenges import policies as challenge_policies
from challenges import selectors as challenge_selectors
from community import policies as community_policies
from people import policies as people_policies
from people import selectors as people_selectors
from strategy import policies as strategy_policies


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
    # A group: the items under this one (its own url is then the first child's).
    children: tuple["MenuItem", ...] = field(default_factory=tuple)
    # The badge's accessible meaning ("3 waiting for review"), read by screen readers.
    count_label: str = ""

    @property
    def is_group(self) -> bool:
        return bool(self.children)


def _is_active(url: str, path: str) -> bool:
    return bool(path) and (path == url or (url != "/" and path.startswith(url)))


def _item(key: str, label, url: str, path: str, **kwargs) -> MenuItem:
    return MenuItem(key, label, url, _is_active(url, path), **kwargs)


def _group(key: str, label, children: list[MenuItem], **kwargs) -> MenuItem | None:
    if not children:
        return None
    return MenuItem(
        key, label, children[0].url, any(child.active for child in children), children=tuple(children), **kwargs
    )


def _manage_items(member, path: str) -> list[MenuItem]:
    """Running the programme: each entry only for whom its policy allows."""
    items = []
    if challenge_policies.can_launch_challenges(member):
        items.append(_item("manage_challenges", _("Manage challenges"), reverse("challenges:manage"), path))
    if people_policies.can_build_pilot(member):
        items.append(_item("pilot", _("Pilot group"), reverse("pilot"), path))
    if people_policies.can_invite(member):
        items.append(_item("invitations", _("Invitations"), reverse("people:invite"), path))
    if strategy_policies.can_see_six_cs_report(member):
        items.append(_item("six_cs_report", _("6 C's report"), reverse("strategy:six_cs_report"), path))
    if people_policies.can_use_admin(member):
        items.append(_item("admin", _("Admin"), "/admin/", path))
    return items


def _me_items(member, path: str, unread: int) -> list[MenuItem]:
    mine = []
    if challenge_policies.can_share_moments(member):
        mine.append(_item("my_stories", _("My stories"), reverse("challenges:my_stories"), path))
    return [
        _item("profile", _("My profile"), reverse("people:profile"), path),
        *mine,
        _item("my_shares", _("My shares"), reverse("challenges:my_shares"), path),
        _item("six_cs", _("My 6 C's"), reverse("strategy:six_cs"), path),
        _item(
            "notifications",
            _("Notifications"),
            reverse("people:notifications"),
            path,
            count=unread,
            badge_id="unread-count",
            count_label=_("unread"),
        ),
        _item("points", _("My points"), reverse("gamification:points"), path),
        _item("badges", _("Badges"), reverse("gamification:badges"), path),
        _item("prizes", _("Prize"), reverse("gamification:prizes"), path),
    ]


def menu_for(*, member, path: str = "") -> list[MenuItem]:
    """The main menu for ``member`` (anonymous visitors included) on the page at ``path``:
    what every signed-in member uses, then what their role adds, then the "Beheren" and
    the member's own group. At most five queries whatever the role: the unread count, the
    review-queue count (reviewers only), the member's permissions (admin users only) and
    whether they moderate a community space (everyone but Masters)."""
    if member is None or not member.is_authenticated:
        return [_item("login", _("Log in"), reverse("login"), path)]
    items = [
        _item("share", _("Share this"), reverse("challenges:feed"), path),
        _item("learning", _("My learning"), reverse("learning:dashboard"), path),
        _item("sessions", _("Sessions"), reverse("events:sessions"), path),
        _item("challenges", _("Challenges"), reverse("challenges:list"), path),
        _item("leaderboard", _("Leaderboard"), reverse("gamification:leaderboard"), path),
        _item("community", _("Community"), reverse("community:spaces"), path),
        _item("strategy", _("Our strategy"), reverse("strategy:our_strategy"), path),
    ]
    if challenge_policies.can_share_moments(member):
        items.append(_item("submit", _("Share a moment"), reverse("challenges:submit"), path))
    if strategy_policies.can_use_plan(member):
        items.append(_item("plan", _("Content plan"), reverse("strategy:plan_board"), path))
    if challenge_policies.can_use_review_queue(member):
        items.append(
            _item(
                "review",
                _("Review"),
                reverse("challenges:review_queue"),
                path,
                count=challenge_selectors.review_queue_count(editor=member),
                count_label=_("waiting for review"),
            )
        )
    if community_policies.can_moderate_anything(member):
        items.append(_item("moderation", _("Moderation"), reverse("community:queue"), path))
    if people_policies.can_see_reports(member):
        items.append(_item("reports", _("Reports"), reverse("reports:dashboard"), path))
    elif people_policies.may_get_monthly_summary(member):
        items.append(_item("summary", _("Monthly summary"), reverse("reports:summary"), path))
    manage = _group("manage", _("Manage"), _manage_items(member, path))
    if manage:
        items.append(manage)
    unread = people_selectors.unread_count(member_id=member.pk)
    items.append(_group("me", member.name, _me_items(member, path, unread), count=unread, count_label=_("unread")))
    return _only_closest_active(items)


def _only_closest_active(items: list[MenuItem]) -> list[MenuItem]:
    """One current entry: on /challenges/manage/ that is "Challenges beheren", not also
    "Challenges" (whose address is a prefix of it). The longest matching address wins."""
    active = [item for item in flatten(items) if item.active]
    if len(active) < 2:
        return items
    closest = max(active, key=lambda item: len(item.url))

    def keep(item: MenuItem) -> MenuItem:
        if item.is_group:
            children = tuple(keep(child) for child in item.children)
            return replace(item, children=children, active=any(child.active for child in children))
        return item if item is closest or not item.active else replace(item, active=False)

    return [keep(item) for item in items]


def flatten(items: list[MenuItem]) -> list[MenuItem]:
    """Every link in the menu, groups opened (for tests and for a sitemap of one's own)."""
    flat = []
    for item in items:
        flat.extend(item.children if item.is_group else (item,))
    return flat
