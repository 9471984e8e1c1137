"""Reads about members for pages, the API and other apps' services; constant query counts,
no ``request``. One module per concept; the names below are the public ones."""

from .identity import password_login_allowed, sso_configured
from .invitations import due_reminders, invitation_for_token, join_url, recent_invitations, token_for, valid_days
from .members import member_id_for_email, member_with_relations, personal_data
from .notifications import notifications_for, unread_count, unread_counts
from .pilot import Suggestion, candidates, composition, pilot_members, suggestions
from .provisioning import department_member_ids, departments, provisioned_member, provisioned_members

__all__ = [
    "Suggestion",
    "candidates",
    "composition",
    "department_member_ids",
    "departments",
    "due_reminders",
    "invitation_for_token",
    "join_url",
    "member_id_for_email",
    "member_with_relations",
    "notifications_for",
    "password_login_allowed",
    "personal_data",
    "pilot_members",
    "provisioned_member",
    "provisioned_members",
    "recent_invitations",
    "sso_configured",
    "suggestions",
    "token_for",
    "unread_count",
    "unread_counts",
    "valid_days",
]
