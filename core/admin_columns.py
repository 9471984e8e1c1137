"""Columns for Wagtail admin lists (snippet and model viewsets)."""

from django.db import models
from wagtail.admin.ui.tables import BooleanColumn


class YesNoColumn(BooleanColumn):
    """A yes/no field as a tick or a cross, labelled "Ja"/"Nee" (for screen readers and as
    the tooltip) instead of Wagtail's "True"/"False"."""

    cell_template_name = "core/tables/yes_no_cell.html"


def yes_no(model: type[models.Model], name: str) -> YesNoColumn:
    """The column for boolean field ``name`` of ``model``: headed with the field's (translated)
    verbose name and sortable, as a plain ``list_display`` entry would be."""
    field = model._meta.get_field(name)
    return YesNoColumn(name, label=field.verbose_name, sort_key=name)
