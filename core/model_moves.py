"""Moving models from one app to another without touching their tables.

A model that moves keeps its table (``Meta.db_table``) and its migrations move only the
state (``SeparateDatabaseAndState``). What does change is the app label of its content type,
and Wagtail keys pages, revisions, log entries, permissions and search entries to content
types. ``move_content_types`` renames the existing row in place, so everything that points
at it follows. On a fresh database there is no old row and it does nothing. When both rows
exist (something asked for the new content type before the migration ran), everything is
pointed at the new row and the old one goes.

Used by data migrations: ``apps`` is the migration's historical registry."""

from django.db import IntegrityError, transaction


def move_content_types(apps, schema_editor, *, old_app: str, new_app: str, models: list[str]) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for name in models:
        old = ContentType.objects.using(db).filter(app_label=old_app, model=name).first()
        if old is None:
            continue
        new = ContentType.objects.using(db).filter(app_label=new_app, model=name).first()
        if new is None:
            old.app_label = new_app
            old.save(update_fields=["app_label"])
            continue
        _move_permissions(apps, db, old, new)
        _move_references(apps, db, old.pk, new.pk)
        _move_revision_content(apps, db, old.pk, new.pk)
        old.delete()
    ContentType.objects.clear_cache()


def _move_permissions(apps, db, old, new) -> None:
    """A permission of the old content type whose twin exists hands its groups and users to
    the twin and goes; the others move across."""
    Permission = apps.get_model("auth", "Permission")
    twins = {p.codename: p for p in Permission.objects.using(db).filter(content_type=new)}
    for permission in Permission.objects.using(db).filter(content_type=old):
        twin = twins.get(permission.codename)
        if twin is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
            continue
        for model in _models_pointing_at(apps, "auth.permission"):
            _move_rows(model, db, _column_to(model, "auth.permission"), permission.pk, twin.pk)
        permission.delete()


def _move_references(apps, db, old_pk, new_pk) -> None:
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.local_fields:
            if field.is_relation and field.remote_field.model._meta.label_lower == "contenttypes.contenttype":
                _move_rows(model, db, field.attname, old_pk, new_pk)


def _move_rows(model, db, column: str, old_pk, new_pk) -> None:
    """Point ``column`` of ``model``'s rows at ``new_pk`` instead of ``old_pk``. A row that
    would then clash with a unique constraint duplicates one that is there already, and goes."""
    rows = model._base_manager.using(db).filter(**{column: old_pk})
    try:
        with transaction.atomic(using=db):
            rows.update(**{column: new_pk})
        return
    except IntegrityError:
        pass
    for pk in list(rows.values_list("pk", flat=True)):
        row = model._base_manager.using(db).filter(pk=pk)
        try:
            with transaction.atomic(using=db):
                row.update(**{column: new_pk})
        except IntegrityError:
            row.delete()


def _move_revision_content(apps, db, old_pk, new_pk) -> None:
    """A page revision keeps the page's content type id in its JSON; publishing it later
    must not bring the old one back."""
    try:
        Revision = apps.get_model("wagtailcore", "Revision")
    except LookupError:
        return
    for revision in Revision.objects.using(db).filter(content__content_type=old_pk):
        revision.content["content_type"] = new_pk
        revision.save(update_fields=["content"])


def _models_pointing_at(apps, label: str):
    """Group and member permissions (the many-to-many tables) and Wagtail's page and
    collection permissions."""
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.proxy and model._meta.managed and _column_to(model, label):
            yield model


def _column_to(model, label: str) -> str | None:
    for field in model._meta.local_fields:
        if field.is_relation and field.remote_field.model._meta.label_lower == label:
            return field.attname
    return None
