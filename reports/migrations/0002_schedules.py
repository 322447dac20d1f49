"""The reporting tables are refreshed by django-q2: cohorts with anything new every ten
minutes, every cohort (and old exports cleared) once a night."""

import datetime

from django.db import migrations
from django.utils import timezone

CHANGED = "Reports: refresh changed cohorts"
NIGHTLY = "Reports: rebuild every cohort"


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=CHANGED,
        defaults={
            "func": "reports.tasks.refresh_changed",
            "schedule_type": "I",  # minutes
            "minutes": 10,
            "repeats": -1,
        },
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Schedule.objects.update_or_create(
        name=NIGHTLY,
        defaults={
            "func": "reports.tasks.rebuild_all",
            "schedule_type": "D",  # daily
            "repeats": -1,
            "next_run": timezone.make_aware(
                datetime.datetime.combine(tomorrow, datetime.time(2, 30))
            ),
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(
        name__in=[CHANGED, NIGHTLY]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_facts"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create, remove)]
