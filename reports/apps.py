from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Wired in now, filled by its own issue (see docs/architecture.md)."""

    name = "reports"
    verbose_name = _("Reports")
