"""Replace Wagtail's placeholder welcome page with our home page and point the site at it."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("cms", "HomePage")

    Page.objects.using(db).filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.using(db).exists():
        return
    content_type, _ = ContentType.objects.using(db).get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.using(db).order_by("pk").first()
    home = HomePage.objects.using(db).create(
        title="Cluster Academy",
        draft_title="Cluster Academy",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        introduction="Training for small enterprises and their clusters.",
    )
    Site.objects.using(db).filter(is_default_site=True).delete()
    Site.objects.using(db).create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Cluster Academy"
    )
    Page.objects.using(db).filter(depth=1).update(numchild=1)


def remove_homepage(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("cms", "HomePage").objects.using(db).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
