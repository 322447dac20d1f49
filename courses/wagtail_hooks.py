from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from courses import admin_views
from lms.admin_menu import PermissionMenuItem

app_name = "courses_admin"
urlpatterns = [
    path("", admin_views.CourseProgressReport.as_view(), name="courses"),
    path(
        "<int:course_id>/",
        admin_views.ParticipantProgressReport.as_view(),
        name="participants",
    ),
    path("translations/", admin_views.StaleTranslationsReport.as_view(), name="stale"),
]


@hooks.register("register_admin_urls")
def register_course_reports():
    return [
        path("course-reports/", include((urlpatterns, app_name), namespace=app_name))
    ]


@hooks.register("register_reports_menu_item")
def course_progress_menu_item():
    return PermissionMenuItem(
        _("Course progress"),
        reverse("courses_admin:courses"),
        icon_name="list-ul",
        order=50,
        permission="courses.view_progress_report",
    )


@hooks.register("register_reports_menu_item")
def stale_translations_menu_item():
    return PermissionMenuItem(
        _("Translations to update"),
        reverse("courses_admin:stale"),
        icon_name="globe",
        order=60,
        permission="wagtail_localize.submit_translation",
    )
