"""Every state change on members: one module per concept. Other apps use the names below
(``people_services.notify(...)``); each service's docstring says what it locks, returns and
raises."""

from . import audit
from .accounts import (
    log_out_everywhere,
    request_password_reset,
    reset_link_valid_for,
    send_password_changed,
    send_password_reset,
    set_new_password,
)
from .invitations import (
    accept,
    invite,
    rows_from_csv,
    rows_from_pasted,
    rows_from_upload,
    send_due_reminders,
    send_invitation,
)
from .notifications import (
    RECIPIENT_FIELDS,
    mark_read,
    next_email_time,
    notification_group,
    notify,
    notify_many,
    push_unread_count,
    send_due_notification_emails,
    send_notification_email,
    send_notification_emails,
)
from .pilot import change_pilot
from .privacy import anonymise
from .profile import KEEP, complete_onboarding, set_language, update_profile
from .provisioning import joined_through_sso, updated_through_sso
from .roles import promote, set_role, sync_groups
from .tokens import api_token, revoke_api_tokens

__all__ = [
    "RECIPIENT_FIELDS",
    "joined_through_sso",
    "updated_through_sso",
    "set_new_password",
    "send_password_reset",
    "send_password_changed",
    "reset_link_valid_for",
    "revoke_api_tokens",
    "request_password_reset",
    "log_out_everywhere",
    "KEEP",
    "accept",
    "anonymise",
    "api_token",
    "audit",
    "change_pilot",
    "complete_onboarding",
    "invite",
    "mark_read",
    "next_email_time",
    "notification_group",
    "notify",
    "notify_many",
    "promote",
    "push_unread_count",
    "rows_from_csv",
    "rows_from_pasted",
    "rows_from_upload",
    "send_due_notification_emails",
    "send_due_reminders",
    "send_invitation",
    "send_notification_email",
    "send_notification_emails",
    "set_language",
    "set_role",
    "sync_groups",
    "update_profile",
]
