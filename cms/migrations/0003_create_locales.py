"""A Wagtail locale for every configured content language, so trainers can translate into
any of them from the first day."""

from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    db = schema_editor.connection.alias
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(db).get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_create_homepage")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
