"""Who may do what in gamification: one place that pages, the API, the admin and the services
ask. Social Masters hold the ``gamification.*`` permissions (``GamificationConfig.ready``)."""

from people.models import LeaderboardVisibility, Member


def can_correct_points(member: Member) -> bool:
    """Record a points correction (a new ledger line with a reason)."""
    return member.has_perm("gamification.add_pointsentry")


def can_award_badges(member: Member) -> bool:
    """Give a badge by hand, and see the list of badge awards in the admin."""
    return member.has_perm("gamification.add_badgeaward")


def can_revoke_badges(member: Member) -> bool:
    """Revoke a badge award (its public assertion then answers 410 Gone)."""
    return member.has_perm("gamification.change_badgeaward")


def can_judge_prizes(member: Member | None) -> bool:
    """Close a prize period early and confirm its winners (the jury step)."""
    return member is not None and member.is_master


def sees_hidden_members(viewer: Member | None) -> bool:
    """See members who chose to stay off the leaderboards, and every name: Masters."""
    return viewer is not None and viewer.is_master


def shows_name(member: Member, *, viewer: Member | None) -> bool:
    """Whether ``viewer`` sees ``member``'s name on a board: members who show it, to Masters
    everyone, and a viewer always sees themself. ``viewer=None`` is the public view that
    live broadcasts carry."""
    return (
        member.leaderboard_visibility == LeaderboardVisibility.VISIBLE
        or sees_hidden_members(viewer)
        or (viewer is not None and member.pk == viewer.pk)
    )
