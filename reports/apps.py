from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Officers' dashboards, read-only over the other apps (see docs/architecture.md)."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from reports import receivers  # noqa: F401
