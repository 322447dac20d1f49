from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _translate_default_template(sender, using="default", **kwargs):
    from actionplans.default_template import translate_default

    translate_default(using=using)


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Action plans and follow-up")

    def ready(self):
        from actionplans import receivers  # noqa: F401

        post_migrate.connect(
            _translate_default_template, sender=self, dispatch_uid="actionplans-default"
        )
