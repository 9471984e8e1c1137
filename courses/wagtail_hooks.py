from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LearningPackage, LearningPath


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Learning paths")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "target_role", "sort_order", "locale"]
    list_filter = ["target_role", "locale"]
    search_fields = ["title"]


register_snippet(LearningPathViewSet)


class LearningPackageViewSet(SnippetViewSet):
    model = LearningPackage
    icon = "download"
    menu_label = _("E-learning packages")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["__str__", "standard", "uploaded_at"]
    search_fields = ["title"]


register_snippet(LearningPackageViewSet)
