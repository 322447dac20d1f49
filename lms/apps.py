from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    """The project itself, as an app: site chrome templates, static files and commands."""

    name = "lms"
    verbose_name = _("Cluster Academy")
