"""Write the translatable strings of the demo courses as a PO template, for translators:
`python manage.py demo_strings courses/demo_content/translations/courses.pot`. Run after
`seed_demo` on a fresh database; translations go in `<language>.po` beside it."""

import polib
from django.core.management.base import BaseCommand
from wagtail.models import Site

from courses.demo import demo_pages
from courses.models import CourseIndexPage


class Command(BaseCommand):
    help = "Export the demo courses' strings as a PO template."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        from wagtail_localize.models import TranslationSource

        home = Site.objects.get(is_default_site=True).root_page.specific
        index = CourseIndexPage.objects.get(locale=home.locale)
        pot = polib.POFile(wrapwidth=0)
        pot.metadata = {
            "Content-Type": "text/plain; charset=utf-8",
            "MIME-Version": "1.0",
        }
        seen = set()
        for page in demo_pages(home, index):
            source, _created = TranslationSource.get_or_create_from_instance(page)
            for segment in source.stringsegment_set.select_related("string").order_by(
                "order"
            ):
                text = segment.string.data
                if text in seen:
                    continue
                seen.add(text)
                pot.append(polib.POEntry(msgid=text, msgstr="", comment=page.url_path))
        pot.save(path)
        self.stdout.write(f"{len(pot)} strings written to {path}")
