"""`python manage.py issue_certificates --cohort ID [--dry-run]`: issue the cohort's
certificate to everyone eligible, and say who was skipped and why."""

from django.core.management.base import BaseCommand, CommandError

from certificates import eligibility, services
from cohorts.models import Cohort


class Command(BaseCommand):
    help = "Issue a cohort's certificate to every eligible participant."

    def add_arguments(self, parser):
        parser.add_argument(
            "--cohort", type=int, required=True, help="The cohort's id."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say who would get one; issue nothing.",
        )

    def handle(self, *args, cohort, dry_run, **options):
        found = Cohort.objects.filter(pk=cohort).first()
        if found is None:
            raise CommandError(f"No cohort with id {cohort}.")
        try:
            setup = services.setup_for(found)
        except services.CertificateError as error:
            raise CommandError(error.message) from None
        issued = existing = skipped = 0
        for result in eligibility.check(found, setup):
            name = result.user.full_name
            if not result.eligible:
                skipped += 1
                self.stdout.write(f"skipped  {name}: {' '.join(result.reasons)}")
                continue
            if dry_run:
                self.stdout.write(f"would issue  {name}")
                issued += 1
                continue
            try:
                outcome = services.issue(
                    cohort=found, user=result.user, by=None, checked=result
                )
            except services.CertificateError as error:
                skipped += 1
                self.stdout.write(f"skipped  {name}: {error.message}")
                continue
            if outcome.created:
                issued += 1
                self.stdout.write(f"issued   {name}: {outcome.certificate.number}")
            else:
                existing += 1
                self.stdout.write(f"had one  {name}: {outcome.certificate.number}")
        verb = "would be issued" if dry_run else "issued"
        self.stdout.write(
            self.style.SUCCESS(
                f"{issued} {verb}, {existing} already had one, {skipped} skipped."
            )
        )
