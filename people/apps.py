from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from django.db.models.signals import post_migrate

        from people import roles

        # Later apps add permissions; keep the role groups' permissions complete after every
        # migrate, not only after the data migration that created the groups.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="people.sync_roles")
