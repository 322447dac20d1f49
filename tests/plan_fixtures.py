"""A cohort with enrolled participants, the default plan template, and helpers to write a
complete plan and get it approved."""

from types import SimpleNamespace

import pytest

from actionplans import services
from actionplans.default_template import TRANSLATION_KEY
from actionplans.models import ActionPlan, PlanTemplate
from cohorts import services as cohort_services

PROFILE = "0b7c1d2e-0001-4a4b-9c1d-000000000001"
SWOT = "0b7c1d2e-0002-4a4b-9c1d-000000000002"
GOALS = "0b7c1d2e-0003-4a4b-9c1d-000000000003"
ACTIONS = "0b7c1d2e-0004-4a4b-9c1d-000000000004"


def complete_content(activity="Get HACCP training for two workers", **extra_item):
    item = {
        "id": "act1",
        "activity": activity,
        "responsible": "Nimal",
        "start": "2026-12-01",
        "due": "2027-02-28",
        "cost": "LKR 20,000",
        "indicator": "Workers trained",
        "target": "2",
        **extra_item,
    }
    return {
        PROFILE: {"text": "Oyster mushrooms, 3 workers, sell to Kegalle market."},
        SWOT: {
            "strengths": "Good spawn supplier",
            "weaknesses": "No cold storage",
            "opportunities": "Hotels in Kandy",
            "threats": "Power cuts",
        },
        GOALS: {"text": "Sell 30% more by June."},
        ACTIONS: {"items": [item]},
    }


def form_data(content, revision, action="save"):
    """The plan form as a browser would post it."""
    data = {"revision": str(revision), "action": action}
    data[f"s-{PROFILE}-text"] = content.get(PROFILE, {}).get("text", "")
    data[f"s-{GOALS}-text"] = content.get(GOALS, {}).get("text", "")
    for name in ("strengths", "weaknesses", "opportunities", "threats"):
        data[f"s-{SWOT}-{name}"] = content.get(SWOT, {}).get(name, "")
    items = content.get(ACTIONS, {}).get("items", [])
    data[f"s-{ACTIONS}-rows"] = str(len(items))
    for n, item in enumerate(items):
        for key, value in item.items():
            data[f"s-{ACTIONS}-{n}-{key}"] = value
    return data


def approved_plan(cohort, user, reviewer, content=None) -> ActionPlan:
    plan = services.start_plan(user=user, cohort=cohort, language="en")
    services.submit_plan(
        plan=plan,
        revision=plan.revision,
        by=user,
        content=content or complete_content(),
    )
    services.review_plan(
        plan=plan, version_number=1, reviewer=reviewer, decision="approve"
    )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def plan_set(cohort_set):
    people = cohort_set.participants[:3]
    for person in people:
        cohort_services.enrol(cohort=cohort_set.cohort, user=person)
    cohort_set.enrolled = people
    cohort_set.template = PlanTemplate.objects.get(
        translation_key=TRANSLATION_KEY, locale__language_code="en"
    )
    return SimpleNamespace(**vars(cohort_set))
