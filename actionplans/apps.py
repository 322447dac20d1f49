from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    """Wired in now, filled by its own issue (see docs/architecture.md)."""

    name = "actionplans"
    verbose_name = _("Action plans and follow-up")
