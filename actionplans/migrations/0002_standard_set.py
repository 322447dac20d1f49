"""The standard outcome indicators, the default action-plan template (in the site's default
language; `actionplans.default_template` translates it after `migrate`), checkpoints for cohorts that already exist, and the
hourly django-q2 schedule that sends follow-up reminders and escalations."""

import json

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import migrations

from actionplans import default_template

SCHEDULE = "Follow-up reminders and escalation"
INDICATORS = [
    ("sales_change", "percent", "Change in sales", "%", []),
    ("new_buyers", "number", "New buyers or markets", "", []),
    ("jobs_created", "people", "Jobs created", "", []),
    (
        "certifications",
        "choices",
        "Certifications obtained",
        "",
        ["HACCP", "ISO 9001", "ISO 22000", "GMP", "Organic", "Fair trade"],
    ),
    ("bank_account", "yes_no", "Opened a bank account", "", []),
    ("loan", "yes_no", "Obtained a loan", "", []),
    ("new_products", "yes_no", "New or diversified products", "", []),
    ("exporting", "yes_no", "Started exporting", "", []),
]
def create(apps, schema_editor):
    Indicator = apps.get_model("actionplans", "Indicator")
    for position, (code, kind, name, unit, choices) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(
            programme=None,
            code=code,
            defaults={
                "kind": kind,
                "name": name,
                "unit": unit,
                "choices": choices,
                "position": (position + 1) * 10,
            },
        )
    Locale = apps.get_model("wagtailcore", "Locale")
    PlanTemplate = apps.get_model("actionplans", "PlanTemplate")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale and not PlanTemplate.objects.exists():
        PlanTemplate.objects.create(
            title=default_template.TITLE,
            intro=default_template.INTRO,
            sections=json.dumps(default_template.SECTIONS),
            locale=locale,
            translation_key=default_template.TRANSLATION_KEY,
        )
    Cohort = apps.get_model("cohorts", "Cohort")
    Checkpoint = apps.get_model("actionplans", "Checkpoint")
    for cohort in Cohort.objects.all():
        for months in (1, 3, 6):
            Checkpoint.objects.get_or_create(
                cohort=cohort,
                offset_months=months,
                defaults={"due_on": cohort.ends_on + relativedelta(months=months)},
            )
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=SCHEDULE,
        defaults={
            "func": "actionplans.tasks.send_follow_up_notices",
            "schedule_type": "H",  # hourly
            "repeats": -1,
        },
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
