from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LearningPath


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
