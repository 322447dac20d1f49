"""Wagtail's user admin, told to use our user model's fields (no first/last name split)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PeopleUsersConfig(WagtailUsersAppConfig):
    user_viewset = "people.admin_views.UserViewSet"
