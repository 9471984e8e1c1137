"""Which Django groups a Social Shift role maps to, and what each group may do.

A member's groups are derived from their role and HR flag (``people.services.set_role``);
nobody edits them by hand. Apps higher up add their own permissions with
``grant(GROUP, ["app_label.codename", ...])`` from their ``AppConfig.ready``.
"""

from collections import defaultdict

from django.contrib.auth.models import Group, Permission

from .models import Role

MASTERS = "Social Masters"
ACTIVATORS = "Social Activators"
EDITORS = "Social Editors"
HR = "HR"

ALL_ROLE_GROUPS = [MASTERS, ACTIVATORS, EDITORS, HR]

ROLE_GROUPS = {
    Role.MASTER: MASTERS,
    Role.ACTIVATOR: ACTIVATORS,
    Role.EDITOR: EDITORS,
}

_permissions: dict[str, set[str]] = defaultdict(set)


def grant(group_name: str, permissions: list[str]) -> None:
    _permissions[group_name].update(permissions)


grant(
    MASTERS,
    [
        "wagtailadmin.access_admin",
        "people.change_identitysettings",
        "people.view_identitysettings",
        "people.add_department",
        "people.change_department",
        "people.delete_department",
        "people.view_department",
        "people.add_location",
        "people.change_location",
        "people.delete_location",
        "people.view_location",
        "people.add_member",
        "people.change_member",
        "people.view_member",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "people.view_invitation",
        "people.delete_invitation",
        "people.view_auditlog",
    ],
)
# Activators run the programme in their own department: in the admin they read the content
# calendar (its apps add that) and their department's session attendance; what they change
# there (invitations, pilot, challenges) is scoped by the policies, on the site.
grant(ACTIVATORS, ["wagtailadmin.access_admin"])
grant(EDITORS, ["wagtailadmin.access_admin"])
grant(HR, ["wagtailadmin.access_admin", "people.view_auditlog"])


def groups_for(*, role: str, is_hr: bool) -> list[str]:
    names = [ROLE_GROUPS[role]] if role in ROLE_GROUPS else []
    if is_hr:
        names.append(HR)
    return names


def ensure_role_groups() -> None:
    """Create the role groups and give them exactly the registered permissions.
    Idempotent; permissions that do not exist (yet) are skipped."""
    for name in ALL_ROLE_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        wanted = _permissions.get(name, set())
        by_app = defaultdict(list)
        for perm in wanted:
            app_label, codename = perm.split(".", 1)
            by_app[app_label].append(codename)
        perms = []
        for app_label, codenames in by_app.items():
            perms.extend(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
        group.permissions.add(*perms)


def ensure_role_groups_after_migrate(**kwargs):
    ensure_role_groups()
