from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Wired in now, filled by its own issue (see docs/architecture.md)."""

    name = "certificates"
    verbose_name = _("Certificates")
