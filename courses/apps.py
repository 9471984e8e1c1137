from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from people import roles

        from . import permissions

        roles.grant(
            roles.MASTERS,
            [
                "courses.add_learningpath",
                "courses.change_learningpath",
                "courses.delete_learningpath",
                "courses.view_learningpath",
                "courses.add_learningpackage",
                "courses.change_learningpackage",
                "courses.delete_learningpackage",
                "courses.view_learningpackage",
                "simple_translation.submit_translation",
            ],
        )
        post_migrate.connect(permissions.grant_masters_page_permissions, dispatch_uid="courses.page_permissions")
