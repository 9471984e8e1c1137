"""Who a course is for: the audience kinds and how chosen roles are stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    DEPARTMENTS = "departments", _("Selected departments")
    LOCATIONS = "locations", _("Selected locations")
    ROLES = "roles", _("Selected roles")
    PILOT = "pilot", _("The pilot group")


def roles_value(roles) -> str:
    """Roles as stored in ``audience_roles``: ``",creator,master,"``, so that one role is
    found with a plain SQL ``LIKE '%,creator,%'``."""
    roles = sorted({str(role) for role in roles if role})
    return f",{','.join(roles)}," if roles else ""


def roles_from(value: str) -> list[str]:
    return [role for role in (value or "").split(",") if role]
