"""What every site starts with: the standard outcome indicators, the default action-plan
template (English; `default_template.translate_default` adds its translations) and the
hourly django-q2 schedule for follow-up reminders and escalation.

`create_standard_set(apps)` takes an app registry, so the migration runs it with its
historical models and the browser tests put it back after a flush with the live ones."""

import json

from django.conf import settings

from actionplans import default_template

SCHEDULE = "Follow-up reminders and escalation"
INDICATORS = [
    # code, kind, name (its translations come from actionplans.indicators), unit, options
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


def create_standard_set(apps) -> None:
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
    if (
        locale
        and not PlanTemplate.objects.filter(
            translation_key=default_template.TRANSLATION_KEY
        ).exists()
    ):
        PlanTemplate.objects.create(
            title=default_template.TITLE,
            intro=default_template.INTRO,
            sections=json.dumps(default_template.SECTIONS),
            locale=locale,
            translation_key=default_template.TRANSLATION_KEY,
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
