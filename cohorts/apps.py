from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    """Wired in now, filled by its own issue (see docs/architecture.md)."""

    name = "cohorts"
    verbose_name = _("Cohorts and sessions")
