"""python manage.py import_h5p FILE [--title T] [--language LL] [--translation-of ID]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interactive import services
from interactive.models import H5PContent
from interactive.packages import PackageRefused


class Command(BaseCommand):
    help = (
        "Install an .h5p package (exported with its libraries) as an H5P activity. The "
        "package is checked first; when it is refused, the reasons are printed, nothing is "
        "written and the command exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--title", default="", help="Default: the package's title.")
        parser.add_argument(
            "--language",
            default=None,
            help="Language code; default: the package's language if the site has it.",
        )
        parser.add_argument(
            "--translation-of",
            type=int,
            default=None,
            help="Id of the activity this one is a language version of.",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if path.stat().st_size > settings.H5P_MAX_PACKAGE_BYTES:
            raise CommandError(
                f"{path}: larger than {settings.H5P_MAX_PACKAGE_BYTES} bytes; refused"
            )
        translation_of = None
        if options["translation_of"] is not None:
            translation_of = H5PContent.objects.filter(
                pk=options["translation_of"]
            ).first()
            if translation_of is None:
                raise CommandError(
                    f"no H5P activity with id {options['translation_of']}"
                )
        try:
            checked = services.check(path.read_bytes(), filename=path.name)
            content = services.install_package(
                checked,
                title=options["title"],
                language=options["language"],
                translation_of=translation_of,
            )
        except PackageRefused as refused:
            raise CommandError(
                f"{path.name}: refused. " + " ".join(refused.reasons)
            ) from None
        self.stdout.write(
            f"{path.name}: installed as H5P activity {content.pk} “{content.title}” "
            f"({content.language}, {content.content_type_label}, "
            f"{content.file_count} files)"
        )
