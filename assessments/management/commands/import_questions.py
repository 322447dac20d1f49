"""python manage.py import_questions FILE [--format gift|moodlexml] [--bank NAME]
[--language LL]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from assessments import services
from assessments.models import QuestionBank


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT or Moodle XML file into a question bank. Reports "
        "what could not be imported and why; exits non-zero when nothing was imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=sorted(services.FORMATS), default=None)
        parser.add_argument(
            "--bank", help="Bank name (created if missing); default: the file's name."
        )
        parser.add_argument(
            "--language",
            default=None,
            help="Language code of the questions; default: the site's default.",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if path.stat().st_size > services.MAX_IMPORT_BYTES:
            raise CommandError(f"{path}: larger than 5 MB")
        if options["language"]:
            locale = Locale.objects.filter(language_code=options["language"]).first()
            if locale is None:
                raise CommandError(f"no language {options['language']!r} on this site")
        else:
            locale = Locale.get_default()
        name = (options["bank"] or path.stem).strip()[:200]
        with transaction.atomic():
            bank, new_bank = QuestionBank.objects.get_or_create(name=name)
            report = services.questions_import(
                data=path.read_bytes(),
                bank=bank,
                locale=locale,
                file_format=options["format"],
                filename=path.name,
            )
            if new_bank and not report.created:
                bank.delete()
        for problem in report.problems:
            where = f"question {problem.number}" if problem.number else "file"
            title = f" ({problem.title})" if problem.title else ""
            self.stderr.write(f"{path.name}: {where}{title}: {problem.reason}")
        for skipped in report.skipped:
            self.stdout.write(
                f"{path.name}: question {skipped.number} ({skipped.title}): "
                "already in the bank"
            )
        if not report.ok:
            raise CommandError(f"{path.name}: no questions could be imported")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.created)} imported into {bank.name!r} "
                f"({services.FORMATS[report.format]}, {locale.language_code}); "
                f"{len(report.skipped)} already there; {len(report.problems)} refused"
            )
        )
