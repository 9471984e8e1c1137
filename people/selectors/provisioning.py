"""Reads for SCIM provisioning (``people.api.scim``): members and departments as the
identity provider looks them up. Members the IdP deleted are not there for it."""

from django.db.models import QuerySet

from ..models import Department, Member


def provisioned_members(*, filter_by: tuple[str, str] | None = None) -> QuerySet[Member]:
    """Members the IdP may see (not deleted by it, not erased), oldest first, with department
    and location; ``filter_by`` is ``("username" | "externalid" | "id", value)``."""
    members = (
        Member.objects.filter(deprovisioned_at__isnull=True, erased_at__isnull=True)
        .select_related("department", "location")
        .order_by("pk")
    )
    if filter_by is None:
        return members
    attribute, value = filter_by
    if attribute == "username":
        return members.filter(email__iexact=value)
    if attribute == "externalid":
        return members.filter(scim_external_id=value)
    return members.filter(pk=int(value)) if value.isdigit() and len(value) <= 18 else members.none()


def provisioned_member(*, member_id: str) -> Member | None:
    """The member behind a SCIM id, if the IdP may see them."""
    return provisioned_members(filter_by=("id", member_id)).first()


def departments(*, filter_by: tuple[str, str] | None = None) -> QuerySet[Department]:
    """Departments as SCIM groups, by name; ``filter_by`` is ``("displayname" | "id", value)``
    (``externalid`` finds none: we keep no external id for departments)."""
    units = Department.objects.order_by("pk")
    if filter_by is None:
        return units
    attribute, value = filter_by
    if attribute == "displayname":
        return units.filter(name__iexact=value)
    if attribute == "id" and value.isdigit() and len(value) <= 18:
        return units.filter(pk=int(value))
    return units.none()


def department_member_ids(*, department_ids: list[int]) -> dict[int, list[int]]:
    """Active and inactive members per department (one query), as SCIM lists them."""
    result: dict[int, list[int]] = {pk: [] for pk in department_ids}
    rows = (
        Member.objects.filter(department_id__in=department_ids, deprovisioned_at__isnull=True)
        .order_by("pk")
        .values_list("department_id", "pk")
    )
    for department_id, member_id in rows:
        result[department_id].append(member_id)
    return result
