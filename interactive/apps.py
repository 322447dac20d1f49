from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractiveConfig(AppConfig):
    """H5P packages: upload, safe validation and extraction, the player, xAPI results."""

    name = "interactive"
    verbose_name = _("Interactive content (H5P)")

    def ready(self):
        from django.db.models.signals import post_delete

        from interactive.models import H5PContent
        from interactive.services import content_deleted

        post_delete.connect(
            content_deleted, sender=H5PContent, dispatch_uid="h5p-files"
        )
