from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="site")
class ProgrammeSettings(BaseGenericSetting):
    organisation_name = models.CharField(_("organisation name"), max_length=120, default="Social Shift")
    certificate_signatory = models.CharField(
        _("certificate signed by"), max_length=120, blank=True, help_text=_("e.g. the Social Master's name and title")
    )

    panels = [FieldPanel("organisation_name"), FieldPanel("certificate_signatory")]

    class Meta:
        verbose_name = _("programme settings")
