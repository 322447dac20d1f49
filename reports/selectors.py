"""The dashboards' figures: aggregates over `reports.models`, one GROUP BY per table.

Every figure can be broken down by one dimension (`BREAKDOWNS`). People are counted once
per figure (COUNT DISTINCT), so someone in two cohorts of a programme is one person enrolled,
while averages and rates that belong to a cohort (attendance, test scores, plans) count each
enrolment. The number of queries is fixed: it does not grow with the data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    Min,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import ActionPlan, Indicator
from cohorts.models import Cohort, Enrolment, Programme, Session
from cohorts.selectors import managed_cohorts, sees_everything, staff_cohorts
from people.countries import Country
from people.models import Cluster, Gender, Sector
from reports.models import FollowUpFact, OutcomeFact, ParticipantFact

BREAKDOWNS = {
    "gender": gettext_lazy("Gender"),
    "age": gettext_lazy("Age group"),
    "cluster": gettext_lazy("Cluster"),
    "sector": gettext_lazy("Sector"),
    "district": gettext_lazy("District"),
    "country": gettext_lazy("Country"),
    "cohort": gettext_lazy("Cohort"),
}
UNKNOWN = "-"
STAFF_SEE = (
    Enrolment.Status.ENROLLED,
    Enrolment.Status.WAITLISTED,
    Enrolment.Status.WITHDRAWN,
)


def youth_age() -> int:
    return getattr(settings, "REPORTS_YOUTH_AGE", 35)


@dataclass
class Filters:
    programme_id: int | None = None
    cohort_id: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    by: str = ""
    youth: int = field(default_factory=youth_age)

    def query(self) -> dict:
        """As query-string parameters (for links and export jobs)."""
        data = {
            "cohort": self.cohort_id,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "by": self.by,
            "youth": self.youth if self.youth != youth_age() else None,
        }
        return {key: value for key, value in data.items() if value not in (None, "")}


def runs_programme(user, programme_id) -> bool:
    """Administrators, and the programme's own officers, see all of it."""
    if not programme_id:
        return False
    return sees_everything(user) or (
        Programme.objects.filter(pk=programme_id, officers=user).exists()
    )


def facts_for(user, filters: Filters, *, whole: bool | None = None):
    """The facts `user` may see, narrowed by `filters`: administrators everything, officers
    the cohorts of their programmes (and cohorts they are officer of), trainers their
    cohorts. Participants nothing. `whole`: the caller already knows `user` runs the
    filtered programme (no narrowing needed: simpler, faster queries)."""
    facts = ParticipantFact.objects.all()
    if whole is None:
        whole = runs_programme(user, filters.programme_id)
    if not whole and not sees_everything(user):
        # Those who only asked to join, or were turned down, are seen by the cohort's
        # officers (who decide on them), not by its trainers (as everywhere on the site).
        facts = facts.filter(
            Q(cohort_id__in=managed_cohorts(user).values("pk"))
            | Q(
                cohort_id__in=staff_cohorts(user).values("pk"),
                status__in=STAFF_SEE,
            )
        )
    if filters.programme_id:
        facts = facts.filter(programme_id=filters.programme_id)
    if filters.cohort_id:
        facts = facts.filter(cohort_id=filters.cohort_id)
    if filters.start:
        facts = facts.filter(starts_on__gte=filters.start)
    if filters.end:
        facts = facts.filter(starts_on__lte=filters.end)
    return facts


# Breaking down ---------------------------------------------------------------------------


def group_expression(by: str, youth: int, prefix: str = ""):
    """The SQL expression of a fact's group (a string), or None for no breakdown."""
    if not by:
        return None
    if by == "age":
        age = f"{prefix}age"
        return Case(
            When(**{f"{age}__isnull": True}, then=Value(UNKNOWN)),
            When(**{f"{age}__lt": youth}, then=Value("youth")),
            default=Value("adult"),
            output_field=CharField(),
        )
    column = {"cluster": "cluster_id", "cohort": "cohort_id"}.get(by, by)
    return Cast(F(f"{prefix}{column}"), CharField())


def group_filter(by: str, group: str, youth: int, prefix: str = "") -> Q:
    """The facts in one group of a breakdown (for drilling down)."""
    if not by or by not in BREAKDOWNS:
        return Q()
    if by == "age":
        if group == "youth":
            return Q(**{f"{prefix}age__lt": youth})
        if group == "adult":
            return Q(**{f"{prefix}age__gte": youth})
        return Q(**{f"{prefix}age__isnull": True})
    if by in ("cluster", "cohort"):
        column = f"{prefix}{by}_id"
        if group in ("", "None", UNKNOWN):
            return Q(**{f"{column}__isnull": True})
        found = number(group)
        return Q(**{column: found}) if found is not None else Q(pk__in=[])
    if group in (UNKNOWN, "None"):
        group = ""
    return Q(**{f"{prefix}{by}": group})


def group_labels(by: str, groups, youth: int) -> dict[str, str]:
    """Readable names of the groups (one query for clusters and cohorts)."""
    groups = [str(group) if group is not None else "" for group in groups]
    if by == "gender":
        names = dict(Gender.choices)
    elif by == "age":
        names = {
            "youth": _("Under %(age)s") % {"age": youth},
            "adult": _("%(age)s and over") % {"age": youth},
        }
    elif by == "sector":
        names = dict(Sector.choices)
    elif by == "country":
        names = dict(Country.choices)
    elif by == "cluster":
        ids = [number(g) for g in groups if number(g) is not None]
        names = {
            str(pk): name
            for pk, name in Cluster.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    elif by == "cohort":
        ids = [number(g) for g in groups if number(g) is not None]
        names = {
            str(pk): name
            for pk, name in Cohort.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    else:
        names = {}
    return {
        group: str(names.get(group) or (group if group not in ("", UNKNOWN) else ""))
        or _("Not known")
        for group in groups
    }


def _aliased(figures: dict) -> dict:
    """Aggregates under names that cannot clash with the columns they read."""
    return {f"f_{name}": aggregate for name, aggregate in figures.items()}


def _plain(row: dict) -> dict:
    return {
        (name[2:] if name.startswith("f_") else name): value
        for name, value in row.items()
    }


LARGEST_ID = 2**31 - 1


def number(text) -> int | None:
    """A database id or count written in ASCII digits, else None (never an error: "²",
    "٣" and 10**30 are not ids)."""
    text = str(text or "")
    if text.isascii() and text.isdigit() and int(text) <= LARGEST_ID:
        return int(text)
    return None


def _key(group) -> str:
    return UNKNOWN if group in (None, "", "None") else str(group)


# Participants: funnel, attendance, learning, plans ---------------------------------------

PERSON = "user_id"
SUBMITTED_PLANS = (ActionPlan.Status.SUBMITTED, ActionPlan.Status.CHANGES_REQUESTED)
BOTH_TESTS = Q(pre_score__isnull=False, post_score__isnull=False)
# How a person is counted once: (figure, condition on a row).
PEOPLE = {
    "invited": Q(),
    "enrolled": Q(enrolled=True),
    "attended": Q(attended=True),
    "completed": Q(completed=True),
    "certified": Q(certified=True),
    "visited": Q(visits_attended__gt=0),
    "withdrawn": Q(status=Enrolment.Status.WITHDRAWN),
}
# The same from the row that stands for each person in the whole programme.
PEOPLE_FIRST = {
    "invited": Q(person_first=True),
    "enrolled": Q(person_first=True, p_enrolled=True),
    "attended": Q(person_first=True, p_attended=True),
    "completed": Q(person_first=True, p_completed=True),
    "certified": Q(person_first=True, p_certified=True),
    "visited": Q(person_first=True, p_visited=True),
    "withdrawn": Q(person_first=True, p_withdrawn=True),
}
ENROLMENT_FIGURES = {
    "held": Sum("sessions_held"),
    "present": Sum("sessions_attended"),
    "lessons_total": Sum("lessons_total"),
    "lessons_done": Sum("lessons_done"),
    "pre_n": Count("pre_score"),
    "pre_mean": Avg("pre_score"),
    "post_n": Count("post_score"),
    "post_mean": Avg("post_score"),
    "passed": Count("pk", filter=Q(post_passed=True)),
    "both_n": Count("pk", filter=BOTH_TESTS),
    "both_pre": Avg("pre_score", filter=BOTH_TESTS),
    "both_post": Avg("post_score", filter=BOTH_TESTS),
    "plans_none": Count("pk", filter=Q(enrolled=True, plan_status="")),
    "plans_draft": Count("pk", filter=Q(plan_status=ActionPlan.Status.DRAFT)),
    "plans_submitted": Count("pk", filter=Q(plan_status__in=SUBMITTED_PLANS)),
    "plans_approved": Count("pk", filter=Q(plan_status=ActionPlan.Status.APPROVED)),
    "refreshed": Min("refreshed_at"),
}


def participant_figures(counting: str) -> dict:
    """The aggregates of the participants' tables. `counting` says how a person is counted
    once: "distinct" (COUNT DISTINCT, any set of cohorts), "rows" (within one cohort a
    person has one row), "first" (the whole programme: add up each person's first row)."""
    if counting == "first":
        people = {name: Count("pk", filter=q) for name, q in PEOPLE_FIRST.items()}
    elif counting == "rows":
        people = {name: Count("pk", filter=q) for name, q in PEOPLE.items()}
    else:
        people = {
            name: Count(PERSON, distinct=True, filter=q or None)
            for name, q in PEOPLE.items()
        }
    return {**people, **ENROLMENT_FIGURES}


PARTICIPANT_FIGURES = participant_figures("distinct")


def counting(user, filters: Filters, *, whole: bool | None = None) -> tuple[str, str]:
    """How people are counted once in the total and in the groups of this view."""
    if filters.cohort_id:
        return "rows", "rows"
    if filters.start or filters.end or not filters.programme_id:
        return "distinct", "rows" if filters.by == "cohort" else "distinct"
    if whole is None:
        whole = runs_programme(user, filters.programme_id)
    if not whole:  # part of a programme: its first rows may lie outside
        return "distinct", "rows" if filters.by == "cohort" else "distinct"
    return "first", "rows" if filters.by == "cohort" else "first"


@dataclass
class Row:
    key: str  # the group, "" for the total
    label: str
    values: dict

    def __getattr__(self, name):
        if name.startswith("__") or name == "values":  # unpickling, copying
            raise AttributeError(name)
        try:
            return self.values[name]
        except KeyError as error:
            raise AttributeError(name) from error

    @property
    def attendance(self) -> float | None:
        return _percent(self.values.get("present"), self.values.get("held"))

    @property
    def lessons(self) -> float | None:
        return _percent(
            self.values.get("lessons_done"), self.values.get("lessons_total")
        )

    @property
    def gain(self) -> float | None:
        if not self.values.get("both_n"):
            return None
        return self.values["both_post"] - self.values["both_pre"]

    @property
    def pass_rate(self) -> float | None:
        return _percent(self.values.get("passed"), self.values.get("post_n"))

    @property
    def completion(self) -> float | None:
        return _percent(self.values.get("completed"), self.values.get("enrolled"))


def _percent(part, whole) -> float | None:
    if not whole:
        return None
    return 100 * (part or 0) / whole


@dataclass
class Table:
    total: Row
    rows: list[Row]  # one per group; empty without a breakdown


def _grouped(
    queryset, figures: dict, by: str, youth: int, prefix: str = "", groups=None
) -> Table:
    """A total row (`figures`) and, with a breakdown, one row per group (`groups`, the
    figures for the groups when they differ from the total's)."""
    figures = _aliased(figures)
    total = Row("", _("All"), _plain(queryset.aggregate(**figures)))
    expression = group_expression(by, youth, prefix)
    if expression is None:
        return Table(total, [])
    if groups is not None:
        figures = _aliased(groups)
    found = list(
        queryset.annotate(group=expression)
        .values("group")
        .annotate(**figures)
        .order_by("group")
    )
    labels = group_labels(by, [_key(row["group"]) for row in found], youth)
    rows = [
        Row(
            _key(row["group"]),
            labels[_key(row["group"])],
            {k: v for k, v in _plain(row).items() if k != "group"},
        )
        for row in found
    ]
    rows.sort(key=lambda row: (row.key == UNKNOWN, row.label.casefold()))
    return Table(total, rows)


def participants_table(facts, filters: Filters, how=("distinct", "distinct")) -> Table:
    total, groups = how
    return _grouped(
        facts,
        participant_figures(total),
        filters.by,
        filters.youth,
        groups=participant_figures(groups),
    )


# Follow-up -------------------------------------------------------------------------------


def _groups_per(rows, part: str, figures: dict, filters: Filters) -> dict:
    """{value of `part` (a checkpoint, an indicator): its rows per group of the breakdown},
    in one query; {} without a breakdown."""
    expression = group_expression(filters.by, filters.youth, "fact__")
    if expression is None:
        return {}
    found = list(
        rows.annotate(group=expression)
        .values(part, "group")
        .annotate(**figures)
        .order_by(part, "group")
    )
    labels = group_labels(filters.by, [_key(r["group"]) for r in found], filters.youth)
    groups: dict = {}
    for row in found:
        values = {k: v for k, v in _plain(row).items() if k not in (part, "group")}
        groups.setdefault(row[part], []).append(
            Row(_key(row["group"]), labels[_key(row["group"])], values)
        )
    for group_rows in groups.values():
        group_rows.sort(key=lambda row: (row.key == UNKNOWN, row.label.casefold()))
    return groups


def _follow_up_figures(today):
    due = Q(due_on__lte=today) | Q(submitted=True)
    return {
        "owed": Count("pk"),
        "due": Count("pk", filter=due),
        "submitted": Count("pk", filter=Q(submitted=True)),
        "overdue": Count("pk", filter=Q(overdue=True)),
    }


def checkpoint_label(months: int) -> str:
    return _("%(months)s-month follow-up") % {"months": months}


@dataclass
class FollowUpRow:
    offset: int
    due_on: datetime.date | None
    table: Table

    @property
    def label(self) -> str:
        return checkpoint_label(self.offset)


def follow_up_table(facts, filters: Filters, today=None) -> list[FollowUpRow]:
    """Per checkpoint (1, 3, 6 months …): reports owed, due so far, submitted, overdue."""
    today = today or timezone.localdate()
    figures = _aliased(_follow_up_figures(today))
    rows = FollowUpFact.objects.filter(fact__in=facts)
    totals = {
        row["offset_months"]: _plain(row)
        for row in rows.values("offset_months")
        .annotate(**figures, last_due=Min("due_on"))
        .order_by("offset_months")
    }
    groups = _groups_per(rows, "offset_months", figures, filters)
    result = []
    for offset, values in totals.items():
        values = dict(values)
        first_due = values.pop("last_due")
        values.pop("offset_months")
        result.append(
            FollowUpRow(
                offset,
                first_due,
                Table(Row("", _("All"), values), groups.get(offset, [])),
            )
        )
    return result


def compliance_rate(row: Row) -> float | None:
    return _percent(row.values.get("submitted"), row.values.get("due"))


def follow_up_by_month(facts, today=None, months: int = 18) -> list[dict]:
    """Compliance of the reports that fell due each month (the last `months` months)."""
    today = today or timezone.localdate()
    since = today.replace(day=1) - relativedelta(months=months - 1)
    rows = (
        FollowUpFact.objects.filter(
            fact__in=facts, due_on__lte=today, due_on__gte=since
        )
        # "2026-09" from the date's text: grouping by a string costs no per-row function
        # call on SQLite (TruncMonth is one there).
        .annotate(month=Substr(Cast("due_on", CharField()), 1, 7))
        .values("month")
        .annotate(due=Count("pk"), submitted=Count("pk", filter=Q(submitted=True)))
        .order_by("month")
    )
    return [
        {
            "month": datetime.date(int(row["month"][:4]), int(row["month"][5:7]), 1),
            "due": row["due"],
            "submitted": row["submitted"],
            "rate": _percent(row["submitted"], row["due"]),
        }
        for row in rows
    ]


# Outcomes --------------------------------------------------------------------------------

OUTCOME_FIGURES = {
    "n": Count("pk"),
    "sum": Sum("number"),
    "mean": Avg("number"),
    "positive": Count("pk", filter=Q(number__gt=0)),
    "women": Sum("women"),
    "youth": Sum("youth"),
    "yes": Count("pk", filter=Q(yes=True)),
}


@dataclass
class Outcome:
    indicator: Indicator
    table: Table

    @property
    def kind(self) -> str:
        return self.indicator.kind


def outcome_rate(kind: str, row: Row) -> float | None:
    """The share of those reporting who said yes (or reported more than zero)."""
    if kind in (Indicator.Kind.YES_NO, Indicator.Kind.CHOICES):
        return _percent(row.values.get("yes"), row.values.get("n"))
    return _percent(row.values.get("positive"), row.values.get("n"))


def outcomes_table(facts, filters: Filters) -> list[Outcome]:
    """Each outcome indicator: participants reporting, sum, mean, share with a yes or a
    number above zero, of whom women and youth (people counts)."""
    rows = OutcomeFact.objects.filter(fact__in=facts).exclude(
        indicator__kind=Indicator.Kind.TEXT
    )
    if not filters.cohort_id:
        rows = rows.filter(counted=True)
    figures = _aliased(OUTCOME_FIGURES)
    totals = {
        row["indicator_id"]: _plain(row)
        for row in rows.values("indicator_id").annotate(**figures).order_by()
    }
    indicators = Indicator.objects.filter(pk__in=list(totals)).order_by(
        "position", "pk"
    )
    groups = _groups_per(rows, "indicator_id", figures, filters) if totals else {}
    return [
        Outcome(
            indicator,
            Table(
                Row(
                    "",
                    _("All"),
                    {
                        k: v
                        for k, v in totals[indicator.pk].items()
                        if k != "indicator_id"
                    },
                ),
                groups.get(indicator.pk, []),
            ),
        )
        for indicator in indicators
    ]


# Exposure visits -------------------------------------------------------------------------


def visits_held(user, filters: Filters, now=None) -> int:
    """Exposure visits that have taken place in the cohorts in view."""
    now = now or timezone.now()
    cohorts = Cohort.objects.all()
    if not sees_everything(user):
        cohorts = cohorts.filter(pk__in=staff_cohorts(user).values("pk"))
    if filters.programme_id:
        cohorts = cohorts.filter(programme_id=filters.programme_id)
    if filters.cohort_id:
        cohorts = cohorts.filter(pk=filters.cohort_id)
    if filters.start:
        cohorts = cohorts.filter(starts_on__gte=filters.start)
    if filters.end:
        cohorts = cohorts.filter(starts_on__lte=filters.end)
    return Session.objects.filter(
        cohort__in=cohorts.values("pk"), kind=Session.Kind.VISIT, starts_at__lte=now
    ).count()


# Drilling down ---------------------------------------------------------------------------

MEASURES = {
    "invited": (gettext_lazy("Invited or asked to join"), Q()),
    "enrolled": (gettext_lazy("Enrolled"), Q(enrolled=True)),
    "attended": (gettext_lazy("Attended"), Q(attended=True)),
    "completed": (gettext_lazy("Completed"), Q(completed=True)),
    "certified": (gettext_lazy("Certified"), Q(certified=True)),
    "visited": (gettext_lazy("Went on an exposure visit"), Q(visits_attended__gt=0)),
    "withdrawn": (gettext_lazy("Withdrew"), Q(status=Enrolment.Status.WITHDRAWN)),
    "pre_test": (gettext_lazy("Took the pre-test"), Q(pre_score__isnull=False)),
    "post_test": (gettext_lazy("Took the post-test"), Q(post_score__isnull=False)),
    "passed": (gettext_lazy("Passed the post-test"), Q(post_passed=True)),
    "both_tests": (gettext_lazy("Took both tests"), BOTH_TESTS),
    "plans_none": (gettext_lazy("No action plan"), Q(enrolled=True, plan_status="")),
    "plans_draft": (
        gettext_lazy("Plan in draft"),
        Q(plan_status=ActionPlan.Status.DRAFT),
    ),
    "plans_submitted": (
        gettext_lazy("Plan submitted"),
        Q(plan_status__in=SUBMITTED_PLANS),
    ),
    "plans_approved": (
        gettext_lazy("Plan approved"),
        Q(plan_status=ActionPlan.Status.APPROVED),
    ),
}
FOLLOW_UP_MEASURES = {
    "owed": gettext_lazy("Report owed"),
    "due": gettext_lazy("Report due"),
    "submitted": gettext_lazy("Report submitted"),
    "overdue": gettext_lazy("Report overdue"),
}


def drill(
    facts,
    *,
    measure: str,
    by: str,
    group: str | None,
    youth: int,
    one_cohort: bool = False,
    today=None,
):
    """The facts behind one figure. `measure` is a key of MEASURES, or
    `follow_up:<offset>:<owed|due|submitted|overdue>`, or `outcome:<indicator id>`
    (over several cohorts, only each person's latest report in the programme)."""
    today = today or timezone.localdate()
    if group is not None:
        facts = facts.filter(group_filter(by, group, youth))
    if measure in MEASURES:
        return facts.filter(MEASURES[measure][1])
    parts = measure.split(":")
    if parts[0] == "follow_up" and len(parts) == 3 and number(parts[1]) is not None:
        rows = FollowUpFact.objects.filter(offset_months=number(parts[1]))
        condition = {
            "owed": Q(),
            "due": Q(due_on__lte=today) | Q(submitted=True),
            "submitted": Q(submitted=True),
            "overdue": Q(overdue=True),
        }.get(parts[2])
        if condition is None:
            return facts.none()
        return facts.filter(pk__in=rows.filter(condition).values("fact_id"))
    if parts[0] == "outcome" and len(parts) == 2 and number(parts[1]) is not None:
        outcomes = OutcomeFact.objects.filter(indicator_id=number(parts[1]))
        if not one_cohort:
            outcomes = outcomes.filter(counted=True)
        return facts.filter(pk__in=outcomes.values("fact_id"))
    return facts.none()


def measure_label(measure: str, programme_id: int | None = None) -> str | None:
    if measure in MEASURES:
        return str(MEASURES[measure][0])
    parts = measure.split(":")
    if (
        parts[0] == "follow_up"
        and len(parts) == 3
        and number(parts[1]) is not None
        and parts[2] in FOLLOW_UP_MEASURES
    ):
        return f"{FOLLOW_UP_MEASURES[parts[2]]}: {checkpoint_label(number(parts[1]))}"
    if parts[0] == "outcome" and len(parts) == 2 and number(parts[1]) is not None:
        indicator = Indicator.objects.filter(
            Q(programme__isnull=True) | Q(programme_id=programme_id),
            pk=number(parts[1]),
        ).first()
        if indicator is not None:
            return _("Reported: %(indicator)s") % {"indicator": indicator.label()}
    return None


def filters_from(query: dict, *, programme_id=None, cohort_id=None) -> Filters:
    """Filters from saved query parameters (an export job's); anything unreadable is left
    out, as the page's form would."""

    def read(name):
        return number(query.get(name))

    def day(name):
        try:
            return datetime.date.fromisoformat(str(query.get(name) or ""))
        except ValueError:
            return None

    by = query.get("by") or ""
    youth = read("youth")
    return Filters(
        programme_id=programme_id,
        cohort_id=cohort_id or read("cohort"),
        start=day("start"),
        end=day("end"),
        by=by if by in BREAKDOWNS else "",
        youth=youth if youth and 15 <= youth <= 60 else youth_age(),
    )
