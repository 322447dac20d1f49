from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractiveConfig(AppConfig):
    """Wired in now, filled by its own issue (see docs/architecture.md)."""

    name = "interactive"
    verbose_name = _("Interactive content (H5P)")
