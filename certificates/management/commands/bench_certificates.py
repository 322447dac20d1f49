"""`python manage.py bench_certificates [--participants 500] [--bare 40]`: how many
certificates per second the real issuing path makes for one cohort (eligibility, number,
PDF rendered and stored), beside a bare WeasyPrint render of the same HTML in the same
process — the engine's own limit. Everything it creates is rolled back and its files
removed. `--json FILE` also writes the figures (what `make bench` reads)."""

import json
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from certificates import eligibility, pdf, services
from certificates.models import Certificate, CertificateSetup, CertificateTemplate
from cohorts.models import Cohort, Enrolment, Programme
from people import services as people_services


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure certificate issuing for a cohort of N participants."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=500)
        parser.add_argument(
            "--bare", type=int, default=40, help="Bare WeasyPrint renders to time."
        )
        parser.add_argument("--json", dest="output", help="also write the figures here")

    def handle(self, *args, participants, bare, output=None, **options):
        from weasyprint import HTML

        files = []
        figures = {}
        try:
            with transaction.atomic():
                cohort, setup = self._cohort(participants)
                results = eligibility.check(cohort, setup)
                started = time.perf_counter()
                for result in results:
                    issued = services.issue(
                        cohort=cohort, user=result.user, by=None, checked=result
                    )
                    files.append(issued.certificate.pdf.name)
                issuing = time.perf_counter() - started
                sample = Certificate.objects.filter(cohort=cohort).first()
                html = pdf.markup(sample)
                started = time.perf_counter()
                for _ in range(bare):
                    HTML(string=html, base_url="/").write_pdf(pdf_variant="pdf/a-3b")
                rendering = time.perf_counter() - started
                figures = {
                    "issued": len(results),
                    "issuing_per_second": len(results) / issuing,
                    "bare_per_second": bare / rendering,
                    "size": sample.pdf.size,
                }
                raise _Rollback
        except _Rollback:
            pass
        finally:
            storage = Certificate.pdf.field.storage
            for name in files:
                storage.delete(name)
        ratio = figures["issuing_per_second"] / figures["bare_per_second"]
        self.stdout.write(
            f"{figures['issued']} certificates: {figures['issuing_per_second']:.1f}/s "
            f"through the issuing path, {figures['bare_per_second']:.1f}/s bare "
            f"WeasyPrint ({ratio:.0%}; budget ≥ 80%), {figures['size'] / 1024:.0f} KB each"
        )
        if output:
            with open(output, "w") as handle:
                json.dump({**figures, "ratio": ratio}, handle, indent=2)

    def _cohort(self, participants):
        today = timezone.localdate()
        programme = Programme.objects.create(name="Benchmark programme")
        cohort = Cohort.objects.create(
            programme=programme,
            name="Benchmark cohort",
            language="en",
            starts_on=today,
            ends_on=today,
            capacity=participants,
            status=Cohort.Status.RUNNING,
        )
        template = CertificateTemplate.objects.create(
            name="Benchmark",
            issuer="Benchmark chamber",
            heading="Certificate of completion",
            body="This certifies that {participant_name} completed {cohort} ({dates}).",
            locale=Locale.objects.get(language_code="en"),
        )
        setup = CertificateSetup.objects.create(
            cohort=cohort, template=template, min_attendance=0, require_courses=False
        )
        for n in range(participants):
            person = people_services.participant_create(
                full_name=f"Participant {n:04d} Perera",
                phone=f"+9477{n:07d}",
                preferred_language="en",
            )
            Enrolment.objects.create(
                cohort=cohort,
                user=person,
                status=Enrolment.Status.ENROLLED,
                enrolled_at=timezone.now(),
            )
        return cohort, setup
