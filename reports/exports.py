"""What export jobs write: the participants behind a figure (CSV/XLSX) and the donor report
(PDF). Called by `reports.services` in the requester's language and scope."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, FollowUpReport
from cohorts.models import Cohort, Enrolment, Programme
from people.countries import Country
from people.models import Gender, Sector
from reports import dashboard, selectors

PARTICIPANT_COLUMNS = [
    "user__full_name",
    "user__phone",
    "user__email",
    "cohort__name",
    "gender",
    "age",
    "cluster__name",
    "sector",
    "district",
    "country",
    "status",
    "sessions_held",
    "sessions_attended",
    "lessons_total",
    "lessons_done",
    "pre_score",
    "post_score",
    "plan_status",
    "certified",
]


def participant_header() -> list[str]:
    return [
        _("Participant"),
        _("Phone"),
        _("Email"),
        _("Cohort"),
        _("Gender"),
        _("Age"),
        _("Cluster"),
        _("Sector"),
        _("District"),
        _("Country"),
        _("Enrolment"),
        _("Sessions held"),
        _("Sessions attended"),
        _("Lessons"),
        _("Lessons done"),
        _("Pre-test %"),
        _("Post-test %"),
        _("Action plan"),
        _("Certified"),
    ]


def participant_values(facts):
    """Rows of the participants' table, read in chunks (no model instances)."""
    genders, sectors = dict(Gender.choices), dict(Sector.choices)
    countries = dict(Country.choices)
    statuses, plans = dict(Enrolment.Status.choices), dict(ActionPlan.Status.choices)
    yes, no = _("Yes"), _("No")
    for row in (
        facts.order_by("user__full_name", "pk")
        .values_list(*PARTICIPANT_COLUMNS)
        .iterator(chunk_size=2000)
    ):
        row = list(row)
        row[4] = str(genders.get(row[4], row[4]))
        row[7] = str(sectors.get(row[7], row[7]))
        row[9] = str(countries.get(row[9], row[9]))
        row[10] = str(statuses.get(row[10], row[10]))
        row[15] = None if row[15] is None else round(row[15], 1)
        row[16] = None if row[16] is None else round(row[16], 1)
        row[17] = str(plans.get(row[17], "")) if row[17] else ""
        row[18] = yes if row[18] else no
        yield row


def job_facts(job):
    params = job.params
    filters = selectors.filters_from(
        params.get("query", {}),
        programme_id=params.get("programme"),
        cohort_id=params.get("cohort"),
    )
    facts = selectors.facts_for(job.user, filters)
    measure = params.get("measure") or "invited"
    facts = selectors.drill(
        facts,
        measure=measure,
        by=filters.by,
        group=params.get("group"),
        youth=filters.youth,
        one_cohort=bool(filters.cohort_id),
    )
    search = (params.get("q") or "").strip()
    if search:
        facts = facts.filter(user__full_name__icontains=search)
    return filters, facts


def participant_rows(job):
    _filters, facts = job_facts(job)
    total = facts.count()
    name = slugify(f"participants-{timezone.localdate():%Y-%m-%d}") or "participants"
    return total, participant_values(facts), participant_header(), name


STORIES = 30


def stories(facts, limit: int = STORIES):
    """The latest outcome stories told in follow-up reports (submitted or accepted)."""
    return list(
        FollowUpReport.objects.filter(
            status__in=[
                FollowUpReport.Status.SUBMITTED,
                FollowUpReport.Status.ACCEPTED,
            ],
            plan__cohort_id__in=facts.values("cohort_id"),
            user_id__in=facts.values("user_id"),
        )
        .exclude(story="")
        .select_related(
            "user",
            "user__participant_profile",
            "user__participant_profile__cluster",
            "checkpoint",
        )
        .order_by("-submitted_at", "-pk")[:limit]
    )


def donor_pdf(job) -> tuple[bytes, str]:
    from weasyprint import HTML

    filters, _facts = job_facts(job)
    facts = selectors.facts_for(job.user, filters)
    programme = Programme.objects.filter(pk=filters.programme_id).first()
    cohort = Cohort.objects.filter(pk=filters.cohort_id).first()
    title = (
        f"{cohort.name} ({programme.name})" if cohort and programme else str(programme)
    )
    by_gender = dashboard.build(
        job.user, selectors.Filters(**{**filters.__dict__, "by": "gender"})
    )
    by_age = dashboard.build(
        job.user, selectors.Filters(**{**filters.__dict__, "by": "age"})
    )
    html = render_to_string(
        "reports/donor.html",
        {
            "programme": programme,
            "title": title,
            "filters": filters,
            "view": by_gender,
            "by_age": by_age,
            "funnel": by_gender.funnel_chart(),
            "follow_up_chart": by_gender.follow_up_chart(),
            "month_chart": by_gender.month_chart(),
            "outcome_rows": [
                (outcome, dashboard.outcome_headline(outcome, outcome.table.total))
                for outcome in by_gender.outcomes
            ],
            "reach": dashboard.reach_table(by_gender),
            "reach_age": dashboard.reach_table(by_age),
            "learning": dashboard.learning_table(by_gender),
            "stories": stories(facts),
            "printed": timezone.localtime(),
            "language": get_language(),
        },
    )
    name = slugify(f"donor-report-{title}")[:80] or "report"
    return HTML(string=html).write_pdf(), f"{name}.pdf"
