"""Build the demo site: `python manage.py seed_demo`. Safe to run again; changes nothing
that is already there. Each app adds its part in a `demo.py` with a `seed(*, log)` function;
they run in the order of INSTALLED_APPS, so an app's demo can use the ones before it."""

import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Create the demo clusters, people and pages (idempotent). For local use only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even when DEBUG is off. The demo accounts have published passwords.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if anyone has an account already (what `make run` uses, so "
            "demo data is loaded once and later deletions stay deleted).",
        )

    def handle(self, *args, allow_production=False, if_empty=False, **options):
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("Accounts exist already; demo data not loaded again.")
            return
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to create demo accounts with published passwords while DEBUG is off. "
                "Pass --allow-production if this really is a demo server."
            )
        for app_config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(log=self._log)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def _log(self, message: str) -> None:
        self.stdout.write(f"  {message}")
