from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from . import roles

        # Framework hook: after every app migrates (permissions appear app by app), the role
        # groups get whatever of their permissions exist by then; idempotent.
        post_migrate.connect(roles.ensure_role_groups_after_migrate, dispatch_uid="people.role_groups")
