"""Every dashboard figure against the values worked out by hand in tests/report_fixtures.py."""

import pytest

from reports import dashboard, facts, selectors
from reports.models import ParticipantFact
from reports.selectors import Filters
from tests.report_fixtures import report_world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(report_world):  # noqa: F811
    facts.rebuild()
    return report_world


def build(world, user=None, **filters):
    filters.setdefault("programme_id", world.programme.pk)
    return dashboard.build(user or world.officer, Filters(**filters))


def groups(table) -> dict:
    return {row.key: row for row in table.rows}


def test_facts_one_row_per_enrolment(world):
    assert ParticipantFact.objects.count() == 7
    p1 = world.people[0]
    in_a = ParticipantFact.objects.get(user=p1, cohort=world.a)
    assert (in_a.sessions_held, in_a.sessions_attended, in_a.visits_attended) == (
        3,
        3,
        1,
    )
    assert (in_a.lessons_total, in_a.lessons_done) == (4, 4)
    assert (in_a.pre_score, in_a.post_score, in_a.post_passed) == (40, 90, True)
    assert in_a.completed and in_a.certified and in_a.plan_status == "approved"
    assert (
        in_a.age == 31 and in_a.sector == "agriculture" and in_a.district == "Kegalle"
    )
    withdrawn = ParticipantFact.objects.get(user=world.people[2])
    assert (withdrawn.sessions_held, withdrawn.sessions_attended) == (1, 1)
    assert withdrawn.enrolled and withdrawn.status == "withdrawn"
    asked = ParticipantFact.objects.get(user=world.people[3])
    assert not asked.enrolled and asked.sessions_held == 0


def test_reach_counts_people_once(world):
    view = build(world)
    total = view.total.values
    # p1 is in A and B: one person everywhere.
    assert {
        key: total[key]
        for key in ("invited", "enrolled", "attended", "completed", "certified")
    } == {"invited": 5, "enrolled": 4, "attended": 3, "completed": 1, "certified": 1}
    assert total["withdrawn"] == 1
    assert total["visited"] == 1
    assert view.visits == 1  # C's visit belongs to the other programme
    assert [bar.value for bar in view.funnel_chart()] == [5, 4, 3, 1, 1]


def test_reach_by_gender_adds_up(world):
    rows = groups(build(world, by="gender").participants)
    assert set(rows) == {"female", "male"}
    female, male = rows["female"].values, rows["male"].values
    assert (female["invited"], female["enrolled"], female["attended"]) == (3, 2, 2)
    assert (female["completed"], female["certified"]) == (1, 1)
    assert (male["invited"], male["enrolled"], male["attended"]) == (2, 2, 1)
    assert (male["completed"], male["certified"]) == (0, 0)
    assert rows["female"].label == "Female"


def test_age_groups_use_the_first_cohort_and_an_editable_youth_age(world):
    rows = groups(build(world, by="age").participants)
    assert rows["youth"].values["invited"] == 2  # p1 (31), p3 (26)
    assert rows["adult"].values["invited"] == 2  # p2 (46), p4 (56)
    assert rows[selectors.UNKNOWN].values["invited"] == 1  # p5
    assert rows["youth"].label == "Under 35"
    assert rows[selectors.UNKNOWN].label == "Not known"
    younger = groups(build(world, by="age", youth=30).participants)
    assert younger["youth"].values["invited"] == 1  # only p3
    assert younger["adult"].values["invited"] == 3
    assert younger["youth"].label == "Under 30"


def test_cluster_sector_district_country_and_cohort(world):
    k1, k2, _k3 = world.clusters
    rows = groups(build(world, by="cluster").participants)
    assert rows[str(k1.pk)].values["invited"] == 3  # p1, p4, p5
    assert rows[str(k2.pk)].values["invited"] == 2  # p2, p3
    assert rows[str(k1.pk)].label == "K1 mushrooms"
    sectors = groups(build(world, by="sector").participants)
    assert sectors["pottery"].label == "Pottery and ceramics"
    assert sectors["agriculture"].values["enrolled"] == 2  # p1, p5
    districts = groups(build(world, by="district").participants)
    assert districts["Matale"].values["invited"] == 2
    countries = groups(build(world, by="country").participants)
    assert (
        countries["LK"].values["invited"] == 5 and countries["LK"].label == "Sri Lanka"
    )
    cohorts = groups(build(world, by="cohort").participants)
    # By cohort p1 counts in both; the total still counts them once.
    assert cohorts[str(world.a.pk)].values["enrolled"] == 3
    assert cohorts[str(world.b.pk)].values["enrolled"] == 2
    assert build(world, by="cohort").total.values["enrolled"] == 4


def test_attendance_lessons_and_completion(world):
    total = build(world).total
    assert total.values["held"] == 9 and total.values["present"] == 6
    assert total.attendance == pytest.approx(200 / 3)
    assert total.values["lessons_total"] == 12 and total.values["lessons_done"] == 6
    assert total.lessons == 50
    assert total.completion == 25  # 1 of 4 people enrolled
    rows = groups(build(world, by="gender").participants)
    assert rows["female"].attendance == 100
    assert rows["male"].attendance == 25


def test_tests_and_learning_gain(world):
    total = build(world).total
    assert total.values["pre_n"] == 3
    assert total.values["pre_mean"] == pytest.approx(130 / 3)
    assert total.values["post_n"] == 2 and total.values["post_mean"] == 70
    assert total.values["both_n"] == 2
    assert total.gain == pytest.approx(20)
    assert total.pass_rate == 50
    rows = groups(build(world, by="gender").participants)
    assert rows["female"].gain == pytest.approx(50)  # p1: 90 − 40
    assert rows["male"].gain == pytest.approx(-10)  # p2: 50 − 60


def test_plans(world):
    values = build(world).total.values
    assert values["plans_approved"] == 2
    assert values["plans_submitted"] == 1
    assert values["plans_draft"] == 1
    assert values["plans_none"] == 1  # p5 in B


def test_follow_up_compliance_per_checkpoint(world):
    view = build(world)
    by_offset = {row.offset: row.table.total.values for row in view.follow_up}
    assert by_offset[1] == {"owed": 2, "due": 2, "submitted": 2, "overdue": 0}
    assert by_offset[3] == {"owed": 2, "due": 2, "submitted": 1, "overdue": 1}
    assert by_offset[6] == {"owed": 2, "due": 0, "submitted": 0, "overdue": 0}
    rates = [selectors.compliance_rate(row.table.total) for row in view.follow_up]
    assert rates == [100, 50, None]
    gendered = build(world, by="gender").follow_up
    three = groups(gendered[1].table)
    assert three["female"].values["submitted"] == 1
    assert three["male"].values["overdue"] == 1


def test_follow_up_by_month(world):
    one, three, _six = world.checkpoints
    months = {row["month"]: row for row in build(world).by_month}
    first = months[one.due_on.replace(day=1)]
    third = months[three.due_on.replace(day=1)]
    if first is third:  # both fell due in the same month
        assert (first["due"], first["submitted"]) == (4, 3)
    else:
        assert (first["due"], first["submitted"], first["rate"]) == (2, 2, 100)
        assert (third["due"], third["submitted"], third["rate"]) == (2, 1, 50)


def test_outcomes_from_the_latest_report(world):
    view = build(world)
    outcomes = {outcome.indicator.code: outcome for outcome in view.outcomes}
    sales = outcomes["sales_change"].table.total.values
    assert (sales["n"], sales["sum"], sales["mean"], sales["positive"]) == (
        2,
        20,
        10,
        1,
    )
    jobs = outcomes["jobs_created"].table.total.values
    assert (jobs["n"], jobs["sum"], jobs["women"], jobs["youth"]) == (2, 3, 2, 1)
    bank = outcomes["bank_account"]
    assert selectors.outcome_rate(bank.kind, bank.table.total) == 50
    certs = outcomes["certifications"]
    assert selectors.outcome_rate(certs.kind, certs.table.total) == 50
    gendered = {o.indicator.code: o for o in build(world, by="gender").outcomes}
    rows = groups(gendered["sales_change"].table)
    assert rows["female"].values["mean"] == 30
    assert rows["male"].values["mean"] == -10
    chart = dashboard.outcome_chart(gendered["sales_change"])
    assert [bar.shown for bar in chart] == ["30.0 %", "-10.0 %"]


def test_filters_cohort_and_dates(world):
    only_b = build(world, cohort_id=world.b.pk).total.values
    assert (only_b["invited"], only_b["enrolled"], only_b["attended"]) == (2, 2, 1)
    recent = build(world, start=world.b.starts_on).total.values
    assert recent["invited"] == 2
    early = build(world, end=world.a.starts_on).total.values
    assert early["invited"] == 4  # p1..p4 in A


def test_drill_down_lists_the_people_behind_a_figure(world):
    p1, p2, p3, p4, p5, _p6 = world.people
    base = selectors.facts_for(world.officer, Filters(programme_id=world.programme.pk))

    def people(measure, by="", group=None, youth=35):
        rows = selectors.drill(base, measure=measure, by=by, group=group, youth=youth)
        return set(rows.values_list("user_id", flat=True))

    assert people("invited") == {p1.pk, p2.pk, p3.pk, p4.pk, p5.pk}
    assert people("attended", "gender", "male") == {p2.pk}
    assert people("completed") == {p1.pk}
    assert people("invited", "age", "youth") == {p1.pk, p3.pk}
    assert people("invited", "age", selectors.UNKNOWN) == {p5.pk}
    assert people("follow_up:3:overdue") == {p2.pk}
    assert people("follow_up:1:submitted") == {p1.pk, p2.pk}
    assert people("plans_none") == {p5.pk}
    outcome = world.checkpoints[0].cohort.pk and people(
        f"outcome:{_indicator('bank_account')}"
    )
    assert outcome == {p1.pk, p2.pk}
    assert people("nonsense") == set()
    assert people("follow_up:x:owed") == set()
    assert people("invited", "cluster", "not-a-number") == set()


def _indicator(code):
    from actionplans.models import Indicator

    return Indicator.objects.get(code=code, programme=None).pk


def test_changed_since_finds_what_moved(world):
    from datetime import timedelta

    from django.utils import timezone

    from cohorts.models import Attendance

    now = timezone.now()
    assert facts.changed_since(now + timedelta(seconds=1), now) == set()
    Attendance.objects.filter(user=world.people[4]).update(status="present")
    row = Attendance.objects.get(user=world.people[4])
    row.save()  # recorded_at moves
    assert world.b.pk in facts.changed_since(now - timedelta(seconds=1), timezone.now())


def test_refresh_changed_updates_the_figures(world):
    from cohorts.models import Attendance

    assert build(world, cohort_id=world.b.pk).total.values["attended"] == 1
    row = Attendance.objects.get(user=world.people[4])
    row.status = "present"
    row.save()
    facts.refresh_changed()
    assert build(world, cohort_id=world.b.pk).total.values["attended"] == 2


# After review: the rules behind the figures -------------------------------------------------


def test_age_is_taken_at_the_first_cohort_even_in_another_programme(world):
    from datetime import timedelta

    from cohorts.models import Cohort
    from tests.report_fixtures import enrol

    p1 = world.people[0]
    early = Cohort.objects.create(
        programme=world.other,
        name="Years ago",
        language="en",
        starts_on=world.a.starts_on - timedelta(days=3 * 366),
        ends_on=world.a.starts_on - timedelta(days=3 * 366 - 30),
    )
    enrol(early, p1)
    facts.rebuild()
    in_a = ParticipantFact.objects.get(user=p1, cohort=world.a)
    assert in_a.age == 31 - (world.a.starts_on.year - early.starts_on.year)


def test_a_repeated_programme_is_scored_afresh(world):
    """p1's attempts in cohort A do not count as cohort B's pre- and post-test."""
    world.b.pre_test = world.a.pre_test
    world.b.post_test = world.a.post_test
    world.b.save()
    facts.rebuild()
    in_b = ParticipantFact.objects.get(user=world.people[0], cohort=world.b)
    assert (in_b.pre_score, in_b.post_score) == (None, None)


def test_without_courses_completion_waits_for_the_end(world):
    from datetime import timedelta

    world.b.ends_on = world.today + timedelta(days=10)
    world.b.save()
    facts.rebuild()
    assert not ParticipantFact.objects.get(
        user=world.people[0], cohort=world.b
    ).completed


def test_outcomes_count_a_person_once_across_cohorts(world):
    """p1 also reports in B (later than A's 3-month report): over the programme only the B
    report counts; in cohort A alone, A's does."""
    from decimal import Decimal

    from actionplans.models import Checkpoint
    from tests.report_fixtures import report

    p1 = world.people[0]
    mine = world.b.action_plans.get(user=p1)
    mine.status = "approved"
    mine.save()
    b_one = Checkpoint.objects.get(cohort=world.b, offset_months=1)
    report(b_one, mine, "submitted", {"sales_change": {"number": Decimal("50")}})
    facts.rebuild()

    def sales(**filters):
        view = dashboard.build(
            world.officer, Filters(programme_id=world.programme.pk, **filters)
        )
        outcome = next(o for o in view.outcomes if o.indicator.code == "sales_change")
        return outcome.table.total.values

    whole = sales()
    assert (whole["n"], whole["sum"]) == (2, 40)  # p1's B report (50) and p2's (−10)
    only_a = sales(cohort_id=world.a.pk)
    assert (only_a["n"], only_a["sum"]) == (2, 20)  # p1's A report (30) and p2's


def test_on_demand_refresh_does_not_hide_other_changes(world):
    from cohorts.models import Attendance

    row = Attendance.objects.get(user=world.people[4])
    row.status = "present"
    row.save()
    facts.refresh([world.a.pk])  # someone refreshes another cohort meanwhile
    facts.refresh_changed()
    assert ParticipantFact.objects.get(user=world.people[4]).attended


def test_an_approval_is_seen_by_the_ten_minute_refresh(world):
    from actionplans import services
    from actionplans.models import ActionPlan, PlanVersion

    plan_ = ActionPlan.objects.get(cohort=world.a, user=world.people[2])
    PlanVersion.objects.create(
        plan=plan_, number=1, content={}, submitted_by=plan_.user
    )
    facts.refresh_changed()  # a first run
    services.review_plan(
        plan=plan_, version_number=1, reviewer=world.trainer, decision="approve"
    )
    facts.refresh_changed()
    fact = ParticipantFact.objects.get(user=world.people[2])
    assert fact.plan_status == "approved"


def test_odd_digits_and_huge_numbers_are_no_group(world):
    base = selectors.facts_for(world.officer, Filters(programme_id=world.programme.pk))
    for group in ["²", "٣", "9" * 30, "-1"]:
        assert not selectors.drill(
            base, measure="invited", by="cluster", group=group, youth=35
        ).exists()
    for measure in ["follow_up:²:owed", "outcome:²", "outcome:" + "9" * 30]:
        assert not selectors.drill(
            base, measure=measure, by="", group=None, youth=35
        ).exists()
        assert selectors.measure_label(measure) is None


def test_negative_outcomes_draw_a_bar_of_their_size(world):
    from reports.charts import Bar, bars

    drawn = bars([Bar("up", 30, "30"), Bar("down", -10, "-10")])
    assert [(b.width, b.negative) for b in drawn] == [(100.0, False), (33.3, True)]


@pytest.mark.parametrize("by", ["", "gender", "age", "cluster"])
def test_people_counted_from_first_rows_match_count_distinct(world, by):
    """The fast way (each person's first row in the programme) gives the same people as
    COUNT(DISTINCT) over every row, in total and per group."""
    filters = Filters(programme_id=world.programme.pk, by=by)
    rows = selectors.facts_for(world.officer, filters)
    fast = selectors.participants_table(rows, filters, ("first", "first"))
    slow = selectors.participants_table(rows, filters, ("distinct", "distinct"))
    people = list(selectors.PEOPLE)
    assert [fast.total.values[k] for k in people] == [
        slow.total.values[k] for k in people
    ]
    assert {r.key: [r.values[k] for k in people] for r in fast.rows} == {
        r.key: [r.values[k] for k in people] for r in slow.rows
    }
    assert selectors.counting(world.officer, filters)[0] == "first"
    assert selectors.counting(world.trainer, filters)[0] == "distinct"
