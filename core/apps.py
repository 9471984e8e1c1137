from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.urls import register_converter

        from core.ids import IdConverter

        # Before any URLconf is read: every app's URLs use <id:…> for database ids.
        register_converter(IdConverter, "id")
