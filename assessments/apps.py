from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Wired in now, filled by its own issue (see docs/architecture.md)."""

    name = "assessments"
    verbose_name = _("Quizzes and assessments")
