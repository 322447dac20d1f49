"""Demo action plans and follow-up.

- The Kegalle cohort (coming up): the demo participant has a plan in draft, so "My action
  plans" has something to continue; a second participant's plan waits for the trainer.
- An earlier cohort of the same programme, ended about three months ago: plans approved, the
  1-month follow-up reports in (one written by the participant with results and accepted,
  one recorded by the officer from a phone call), the 3-month checkpoint due in a few days,
  and a programme indicator of its own ("Mushrooms sold per month").
"""

from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.http import QueryDict
from django.utils import timezone

from actionplans import services
from actionplans.default_template import SECTIONS
from actionplans.models import ActionPlan, Indicator
from cohorts import services as cohort_services
from cohorts.demo import COHORT, PROGRAMME
from cohorts.models import Cohort, Enrolment, Programme
from people.models import User

EARLIER = "Kegalle mushroom growers, first intake"
PROFILE, SWOT, GOALS, ACTIONS = (section["id"] for section in SECTIONS)


def _content(name: str, products: str) -> dict:
    return {
        PROFILE: {
            "text": f"{name}: {products}. Three family members work in the business; we "
            "sell at the Kegalle Sunday fair and to two shops."
        },
        SWOT: {
            "strengths": "Reliable spawn supplier; clean growing house.",
            "weaknesses": "No cold storage; records kept on paper only.",
            "opportunities": "Hotels in Kandy buy dried mushrooms; SLS food label.",
            "threats": "Power cuts in the dry season; cheaper imports.",
        },
        GOALS: {"text": "Sell 30% more by June and start supplying one hotel."},
        ACTIONS: {
            "items": [
                {
                    "id": "haccp",
                    "activity": "Train both workers in HACCP hygiene",
                    "responsible": name.split()[-1],
                    "start": "2026-01-10",
                    "due": "2026-02-28",
                    "cost": "LKR 15,000",
                    "indicator": "Workers trained",
                    "target": "2",
                },
                {
                    "id": "label",
                    "activity": "Design a label with SLS marks and the ingredients",
                    "responsible": "Chamber packaging desk",
                    "start": "2026-02-01",
                    "due": "2026-04-30",
                    "cost": "LKR 40,000",
                    "indicator": "Label approved",
                    "target": "1",
                },
            ]
        },
    }


def _earlier_cohort(current: Cohort) -> Cohort:
    today = timezone.localdate()
    ends = (
        today - relativedelta(months=3) + timedelta(days=5)
    )  # 3-month report due in 5 days
    cohort = Cohort.objects.create(
        programme=current.programme,
        name=EARLIER,
        language="si",
        starts_on=ends - timedelta(days=40),
        ends_on=ends,
        venue=current.venue,
        capacity=20,
        status=Cohort.Status.RUNNING,  # completed once its people are in (below)
    )
    cohort.trainers.set(current.trainers.all())
    return cohort


def _report_form(plan, **values) -> QueryDict:
    data = QueryDict(mutable=True)
    for item in plan.action_items():
        data[f"i-{item['id']}-status"] = (
            "done" if item["id"] == "haccp" else "in_progress"
        )
        data[f"i-{item['id']}-percent"] = "100" if item["id"] == "haccp" else "60"
    data["helped"] = "The chamber's packaging desk; a loan from the cluster fund."
    data["blocked"] = "Two weeks of power cuts in March."
    data["story"] = (
        "We now sell dried mushrooms to a hotel in Kandy every week, and my sister works "
        "with us full time."
    )
    for key, value in values.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return data


def seed(*, log) -> None:
    current = Cohort.objects.filter(name=COHORT).first()
    if current is None or ActionPlan.objects.exists():
        return
    programme = Programme.objects.get(name=PROGRAMME)
    trainer = current.trainers.first()
    officer = programme.officers.first()
    people = list(
        User.objects.filter(
            enrolments__cohort=current, enrolments__status=Enrolment.Status.ENROLLED
        )
        .select_related("participant_profile__enterprise")
        .order_by("pk")
    )
    if len(people) < 2 or trainer is None or officer is None:
        return

    def products(user):
        profile = getattr(user, "participant_profile", None)
        enterprise = profile.enterprise if profile else None
        return (
            enterprise.products
            if enterprise and enterprise.products
            else "oyster mushrooms"
        )

    first, second = people[0], people[1]
    draft = services.start_plan(
        user=first, cohort=current, language=first.preferred_language
    )
    content = _content(first.full_name, products(first))
    content[ACTIONS]["items"] = content[ACTIONS]["items"][:1]
    services.save_draft(plan=draft, content=content, revision=draft.revision, by=first)
    waiting = services.start_plan(
        user=second, cohort=current, language=second.preferred_language
    )
    services.submit_plan(
        plan=waiting,
        revision=waiting.revision,
        by=second,
        content=_content(second.full_name, products(second)),
    )
    log("plans: one draft, one waiting for review")

    earlier = _earlier_cohort(current)
    Indicator.objects.get_or_create(
        programme=programme,
        code="kg_sold",
        defaults={
            "name": "Mushrooms sold per month",
            "names": {"si": "මසකට විකුණූ හතු ප්‍රමාණය"},
            "kind": "number",
            "unit": "kg",
            "position": 15,
        },
    )
    indicators = {i.code: i for i in services.indicators.for_programme(programme)}
    approved = []
    for person in people[:4]:
        cohort_services.enrol(cohort=earlier, user=person)
        plan = services.start_plan(
            user=person, cohort=earlier, language=person.preferred_language
        )
        services.submit_plan(
            plan=plan,
            revision=plan.revision,
            by=person,
            content=_content(person.full_name, products(person)),
        )
        services.review_plan(
            plan=plan,
            version_number=1,
            reviewer=trainer,
            decision="approve",
            comment="A clear plan. Keep your sales records every week.",
        )
        plan.refresh_from_db()
        approved.append(plan)
    Cohort.objects.filter(pk=earlier.pk).update(status=Cohort.Status.COMPLETED)
    one_month = earlier.checkpoints.get(offset_months=1)
    own = approved[0]
    report = services.start_report(
        user=own.user, checkpoint=one_month, today=one_month.due_on
    )
    given, errors = services.read_report_form(
        report,
        _report_form(
            own,
            **{
                f"k-{indicators['sales_change'].pk}": "35",
                f"k-{indicators['kg_sold'].pk}": "120",
                f"k-{indicators['jobs_created'].pk}": "1",
                f"k-{indicators['jobs_created'].pk}-women": "1",
                f"k-{indicators['jobs_created'].pk}-youth": "1",
                f"k-{indicators['certifications'].pk}": ["HACCP"],
                f"k-{indicators['bank_account'].pk}": "yes",
            },
        ),
    )
    if errors:  # the demo's own answers: a change above broke them
        raise ValueError(errors)
    services.submit_report(
        report=report, given=given, revision=report.revision, by=own.user
    )
    report.refresh_from_db()
    services.review_report(
        report=report,
        revision=report.revision,
        reviewer=officer,
        decision="approve",
        comment="Well done — the hotel order is a real step.",
    )
    called = approved[1]
    shell = services.FollowUpReport(user=called.user, checkpoint=one_month, plan=called)
    given, errors = services.read_report_form(
        shell, _report_form(called, **{f"k-{indicators['sales_change'].pk}": "10"})
    )
    services.record_on_behalf(
        checkpoint=one_month, user=called.user, given=given, method="phone", by=officer
    )
    log(f"cohort {earlier.name}: {len(approved)} approved plans, 2 follow-up reports")
