"""Reminders go out from a django-q2 schedule: every 15 minutes, each session starting within
24 hours gets its reminders (each once; see cohorts/reminders.py)."""

from django.db import migrations

NAME = "Cohort session reminders"


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "cohorts.tasks.send_due_reminders",
            "schedule_type": "I",  # minutes
            "minutes": 15,
            "repeats": -1,
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create, remove)]
