"""Create the four role groups. Their permissions are applied after every migrate by
people.roles.sync_after_migrate, because most of them belong to apps migrated later."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from people.roles import create_groups as create

    db = schema_editor.connection.alias
    # Wagtail's starter groups overlap ours and would confuse whoever assigns roles.
    apps.get_model("auth", "Group").objects.using(db).filter(
        name__in=["Editors", "Moderators"], user__isnull=True
    ).delete()
    create(apps, using=db)


def remove_groups(apps, schema_editor):
    from people.roles import ROLE_PERMISSIONS

    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(
        name__in=list(ROLE_PERMISSIONS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
