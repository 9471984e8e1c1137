from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from people import roles

MASTER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]


def grant_masters_page_permissions(**kwargs):
    """Social Masters author the whole content tree (courses, lessons, home pages).
    Runs after migrate (framework hook); idempotent."""
    root = Page.get_first_root_node()
    if root is None:
        return
    group, _ = Group.objects.get_or_create(name=roles.MASTERS)
    for perm in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=MASTER_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
