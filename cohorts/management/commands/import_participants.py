"""python manage.py import_participants FILE --cohort ID [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cohorts import importing
from cohorts.models import Cohort


class Command(BaseCommand):
    help = (
        "Enrol participants in a cohort from a CSV (UTF-8) or XLSX file with columns name, "
        "phone or email, and optionally gender, birth year, cluster, enterprise, district, "
        "language. All rows or none: any row in error refuses the file, with every problem "
        "listed. People already there (same phone or email) are not created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--cohort", type=int, required=True, help="The cohort's id."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file; change nothing."
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        cohort = Cohort.objects.filter(pk=options["cohort"]).first()
        if cohort is None:
            raise CommandError(f"no cohort with id {options['cohort']}")
        try:
            plan = importing.plan_import(cohort, path.read_bytes(), path.name)
        except importing.ImportRefused as refused:
            raise CommandError(f"{path.name}: {refused}") from None
        for row in plan.errors:
            for error in row.errors:
                self.stderr.write(f"{path.name}: row {row.number}: {error}")
        if plan.errors:
            raise CommandError(
                f"{path.name}: {len(plan.errors)} rows have problems; nothing was imported"
            )
        summary = (
            f"{len(plan.to_enrol)} to enrol ({plan.new_accounts} new accounts, "
            f"{plan.waitlisted} on the waiting list), "
            f"{len(plan.rows) - len(plan.to_enrol)} already enrolled"
        )
        if options["dry_run"]:
            self.stdout.write(f"{path.name}: checked, nothing changed: {summary}")
            return
        outcome = importing.apply_import(plan)
        self.stdout.write(
            f"{path.name}: {outcome.created} accounts created, {outcome.enrolled} enrolled, "
            f"{outcome.waitlisted} on the waiting list, {outcome.unchanged} already enrolled"
        )
