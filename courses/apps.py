from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Wired in now, filled by its own issue (see docs/architecture.md)."""

    name = "courses"
    verbose_name = _("Courses")
