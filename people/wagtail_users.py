from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the member fields (role, department, …). Lives outside
    ``people.apps`` so that ``PeopleConfig`` stays the app's only (default) config."""

    user_viewset = "people.viewsets.MemberViewSet"
