"""The standard outcome indicators, the default action-plan template and the hourly
follow-up schedule (`actionplans.standard`), and checkpoints for cohorts that already
exist."""

from dateutil.relativedelta import relativedelta
from django.db import migrations

from actionplans.standard import SCHEDULE, create_standard_set


def create(apps, schema_editor):
    create_standard_set(apps)
    Cohort = apps.get_model("cohorts", "Cohort")
    Checkpoint = apps.get_model("actionplans", "Checkpoint")
    for cohort in Cohort.objects.all():
        for months in (1, 3, 6):
            Checkpoint.objects.get_or_create(
                cohort=cohort,
                offset_months=months,
                defaults={"due_on": cohort.ends_on + relativedelta(months=months)},
            )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actionplans", "0001_initial"),
        ("cms", "0003_create_locales"),
        ("cohorts", "0002_reminder_schedule"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create, remove)]
