"""The report pages, exports and API: who may see what, and that every download opens."""

import csv
import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reports import facts
from reports.models import ExportJob
from tests.report_fixtures import report_world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(report_world):  # noqa: F811
    facts.rebuild()
    return report_world


def programme_url(world, name="programme", **kwargs):
    return reverse(f"reports:{name}", args=[world.programme.pk], kwargs=kwargs or None)


def signed_in(client, user):
    client.force_login(user)
    return client


# Who may see what ---------------------------------------------------------------------------


def test_participants_see_no_reports(client, world):
    signed_in(client, world.people[0])
    for url in [
        reverse("reports:index"),
        programme_url(world),
        reverse("reports:cohort", args=[world.a.pk]),
        reverse("reports:programme_participants", args=[world.programme.pk]),
        reverse("reports:exports"),
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("reports:programme_donor", args=[world.programme.pk])
        ).status_code
        == 404
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(programme_url(world))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_officer_sees_only_their_programmes(client, world):
    signed_in(client, world.officer)
    index = client.get(reverse("reports:index")).content.decode()
    assert "Programme P" in index and "Programme Q" not in index
    assert client.get(programme_url(world)).status_code == 200
    assert (
        client.get(reverse("reports:programme", args=[world.other.pk])).status_code
        == 404
    )
    assert client.get(reverse("reports:cohort", args=[world.c.pk])).status_code == 404
    # Another programme's cohort given as a filter shows nothing of it.
    page = client.get(programme_url(world), {"cohort": world.c.pk})
    assert page.status_code == 200
    assert "Fathima" not in page.content.decode()


def test_other_officer_cannot_reach_programme_p(client, world):
    signed_in(client, world.other_officer)
    assert client.get(programme_url(world)).status_code == 404
    assert client.get(reverse("reports:cohort", args=[world.a.pk])).status_code == 404
    table = client.get(
        reverse("reports:programme_table", args=[world.programme.pk, "reach"])
    )
    assert table.status_code == 404


def test_trainer_sees_their_cohort_only(client, world):
    signed_in(client, world.trainer)
    assert client.get(programme_url(world)).status_code == 404
    page = client.get(reverse("reports:cohort", args=[world.a.pk]))
    assert page.status_code == 200
    assert client.get(reverse("reports:cohort", args=[world.b.pk])).status_code == 404
    index = client.get(reverse("reports:index")).content.decode()
    assert "Cohort A" in index and "Cohort B" not in index


def test_administrator_sees_everything(client, world):
    signed_in(client, world.administrator)
    assert client.get(programme_url(world)).status_code == 200
    assert (
        client.get(reverse("reports:programme", args=[world.other.pk])).status_code
        == 200
    )


# The dashboard ------------------------------------------------------------------------------


def test_dashboard_shows_figures_and_links_to_people(client, world):
    signed_in(client, world.officer)
    page = client.get(programme_url(world), {"by": "gender"}).content.decode()
    assert "Female" in page and "Male" in page
    assert "measure=completed" in page and "group=female" in page
    assert "<svg" in page  # the charts
    drill = client.get(
        reverse("reports:programme_participants", args=[world.programme.pk]),
        {"measure": "attended", "by": "gender", "group": "male"},
    ).content.decode()
    assert "Bandara Two" in drill and "Amali One" not in drill


def test_dashboard_in_another_language(client, world):
    signed_in(client, world.officer)
    page = client.get(
        f"/si/reports/programmes/{world.programme.pk}/", {"by": "gender"}
    ).content.decode()
    from django.utils import translation

    with translation.override("si"):
        for text in ["Reach", "Follow-up reports", "Invited or asked to join"]:
            assert translation.gettext(text) != text  # translated, not English
            assert translation.gettext(text) in page


def test_bad_filters_are_shown_not_fatal(client, world):
    signed_in(client, world.officer)
    response = client.get(
        programme_url(world),
        {"start": "2026-13-40", "by": "nonsense", "youth": "3", "cohort": "x"},
    )
    assert response.status_code == 200
    assert b"errorlist" in response.content or b"error" in response.content
    ends_first = client.get(
        programme_url(world), {"start": "2026-05-01", "end": "2026-01-01"}
    )
    assert "The end comes before the start." in ends_first.content.decode()


def test_unknown_measure_is_not_found(client, world):
    signed_in(client, world.officer)
    url = reverse("reports:programme_participants", args=[world.programme.pk])
    assert client.get(url, {"measure": "salary"}).status_code == 404
    assert client.get(url, {"measure": "follow_up:1:nope"}).status_code == 404


def test_refresh_button_recomputes(client, world, django_capture_on_commit_callbacks):
    from cohorts.models import Attendance

    signed_in(client, world.officer)
    row = Attendance.objects.get(user=world.people[4])
    row.status = "present"
    row.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:programme_refresh", args=[world.programme.pk])
        )
    assert response.status_code == 302
    page = client.get(programme_url(world)).content.decode()
    assert "Figures as of" in page
    from reports.models import ParticipantFact

    assert ParticipantFact.objects.get(user=world.people[4]).attended


# Exports ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["reach", "learning", "plans", "follow-up", "months", "outcomes"]
)
def test_every_table_downloads_as_xlsx_and_csv(client, world, name):
    signed_in(client, world.officer)
    url = reverse("reports:programme_table", args=[world.programme.pk, name])
    response = client.get(url, {"format": "xlsx", "by": "gender"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) >= 2
    text = client.get(url, {"format": "csv", "by": "gender"}).content.decode(
        "utf-8-sig"
    )
    assert list(csv.reader(io.StringIO(text)))[0] == [str(c) for c in rows[0]]


def test_reach_xlsx_holds_the_figures(client, world):
    signed_in(client, world.officer)
    response = client.get(
        reverse("reports:programme_table", args=[world.programme.pk, "reach"]),
        {"format": "xlsx", "by": "gender"},
    )
    rows = list(
        load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    by_label = {row[0]: row[1:] for row in rows[1:]}
    assert by_label["All"][:5] == (5, 4, 3, 1, 1)
    assert by_label["Female"][:5] == (3, 2, 2, 1, 1)
    assert by_label["Male"][:5] == (2, 2, 1, 0, 0)


def test_participants_export_inline(client, world):
    signed_in(client, world.officer)
    response = client.get(
        reverse("reports:programme_participants", args=[world.programme.pk]),
        {"measure": "enrolled", "format": "xlsx"},
    )
    rows = list(
        load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    names = sorted(row[0] for row in rows[1:])
    assert names == [
        "Amali One",
        "Amali One",
        "Bandara Two",
        "Chathu Three",
        "Eranga Five",
    ]


def test_large_participant_export_runs_as_a_job(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_INLINE_EXPORT_ROWS = 2
    signed_in(client, world.officer)
    url = reverse("reports:programme_participants", args=[world.programme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, {"measure": "invited", "format": "xlsx"})
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("reports:export", args=[job.pk])
    assert job.state == ExportJob.State.DONE and job.total == 6 and job.done == 6
    page = client.get(response["Location"]).content.decode()
    assert reverse("reports:export_download", args=[job.pk]) in page
    download = client.get(reverse("reports:export_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert len(rows) == 7
    # Nobody else can fetch it.
    client.force_login(world.other_officer)
    assert (
        client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404
    )
    assert client.get(reverse("reports:export", args=[job.pk])).status_code == 404


def test_export_job_runs_once_and_a_double_press_starts_one(world):
    from reports import services

    params = {"programme": world.programme.pk, "query": {}}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django_q.tasks.async_task", lambda *a, **k: None)
        first = services.start_export(
            user=world.officer,
            kind="participants",
            params=params,
            file_format="csv",
            title="x",
        )
        second = services.start_export(
            user=world.officer,
            kind="participants",
            params=params,
            file_format="csv",
            title="x",
        )
    assert first.pk == second.pk
    services.run_export(first.pk)
    services.run_export(first.pk)  # a second worker finds it claimed
    first.refresh_from_db()
    assert first.state == ExportJob.State.DONE
    with first.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    assert text.count("Amali One") == 2  # in A and in B


def test_export_keeps_the_officers_scope(world):
    from reports import services

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django_q.tasks.async_task", lambda *a, **k: None)
        job = services.start_export(
            user=world.other_officer,
            kind="participants",
            params={"programme": world.programme.pk, "query": {}},
            file_format="csv",
            title="x",
        )
    services.run_export(job.pk)
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    assert "Amali" not in text and job.total == 0


def test_donor_report_pdf(client, world, tmp_path, django_capture_on_commit_callbacks):
    signed_in(client, world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:programme_donor", args=[world.programme.pk])
        )
    job = ExportJob.objects.get(kind=ExportJob.Kind.DONOR_PDF)
    assert response["Location"] == reverse("reports:export", args=[job.pk])
    assert job.state == ExportJob.State.DONE, job.error
    pdf = tmp_path / "donor.pdf"
    pdf.write_bytes(
        b"".join(
            client.get(
                reverse("reports:export_download", args=[job.pk])
            ).streaming_content
        )
    )
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(  # noqa: S603 - our own arguments
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Programme P" in text
    assert "We now sell dried mushrooms to two hotels." in text
    assert "Change in sales" in text


# API --------------------------------------------------------------------------------------


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_summary_matches_the_dashboard(world):
    response = api(world.officer).get(
        "/api/v1/reports/summary/", {"programme": world.programme.pk, "by": "gender"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["total"]["enrolled"] == 4 and data["total"]["attended"] == 3
    groups = {row["group"]: row for row in data["groups"]}
    assert groups["male"]["attendance_percent"] == 25
    assert data["total"]["learning_gain"] == pytest.approx(20)


def test_api_follow_up_and_outcomes(world):
    client = api(world.officer)
    follow = client.get(
        "/api/v1/reports/follow-up/", {"programme": world.programme.pk}
    ).json()
    three = next(c for c in follow["checkpoints"] if c["offset_months"] == 3)
    assert three["total"]["compliance_percent"] == 50
    outcomes = client.get(
        "/api/v1/reports/outcomes/", {"programme": world.programme.pk}
    ).json()["indicators"]
    sales = next(i for i in outcomes if i["code"] == "sales_change")
    assert sales["total"]["mean"] == 10 and sales["total"]["n"] == 2


def test_api_participants(world):
    data = (
        api(world.officer)
        .get(
            "/api/v1/reports/participants/",
            {"programme": world.programme.pk, "measure": "follow_up:3:overdue"},
        )
        .json()
    )
    assert [row["name"] for row in data["results"]] == ["Bandara Two"]


def test_api_scope_per_role(world):
    assert api(world.people[0]).get("/api/v1/reports/summary/").status_code == 403
    other = api(world.other_officer)
    assert (
        other.get(
            "/api/v1/reports/summary/", {"programme": world.programme.pk}
        ).status_code
        == 404
    )
    mine = other.get("/api/v1/reports/summary/").json()
    assert mine["total"]["invited"] == 1  # p6 in Q only
    trainer = api(world.trainer)
    assert (
        trainer.get("/api/v1/reports/summary/", {"cohort": world.b.pk}).status_code
        == 404
    )
    # Trainers see cohort A's enrolled, waiting and withdrawn people, not p4's request.
    assert trainer.get("/api/v1/reports/summary/").json()["total"]["invited"] == 3
    assert (
        api(world.officer).get("/api/v1/reports/summary/", {"by": "salary"}).status_code
        == 400
    )


# Queries stay flat ----------------------------------------------------------------------------


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_data(client, world):
    from reports.models import Snapshot
    from tests import factories
    from tests.report_fixtures import enrol, mark

    signed_in(client, world.officer)
    url = programme_url(world)
    client.get(url)  # warm the per-process caches (site, locales)

    def computed(by):  # no snapshot: every figure aggregated
        Snapshot.objects.all().delete()
        return _queries(client, url, {"by": by})

    def from_snapshot(by):
        client.get(url, {"by": by})
        return _queries(client, url, {"by": by})

    breakdowns = ["", "gender", "cluster", "cohort"]
    before = {by: computed(by) for by in breakdowns}
    kept = {by: from_snapshot(by) for by in breakdowns}
    assert all(kept[by] < before[by] for by in breakdowns)
    drill_url = reverse("reports:programme_participants", args=[world.programme.pk])
    client.get(drill_url)
    drill_before = _queries(client, drill_url, {"measure": "invited"})
    api(world.officer).get("/api/v1/reports/summary/")
    api_before = _queries(
        api(world.officer), "/api/v1/reports/summary/", {"by": "gender"}
    )
    workshop = world.a.sessions.filter(kind="workshop").first()
    for n in range(30):
        person = factories.make_participant(
            full_name=f"More {n}", gender="male" if n % 2 else "female"
        )
        enrol(world.a, person)
        mark(workshop, person, "present")
    facts.rebuild()
    assert {by: computed(by) for by in breakdowns} == before
    assert {by: from_snapshot(by) for by in breakdowns} == kept
    assert _queries(client, drill_url, {"measure": "invited"}) == drill_before
    assert (
        _queries(api(world.officer), "/api/v1/reports/summary/", {"by": "gender"})
        == api_before
    )


def test_a_snapshot_serves_the_same_figures_until_the_facts_change(client, world):
    from cohorts.models import Attendance
    from reports.models import Snapshot

    signed_in(client, world.officer)
    first = client.get(programme_url(world), {"by": "gender"}).content.decode()
    assert Snapshot.objects.count() == 1
    again = client.get(programme_url(world), {"by": "gender"}).content.decode()
    strip = __import__("re").compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", first) == strip.sub("", again)
    row = Attendance.objects.get(user=world.people[4])
    row.status = "present"
    row.save()
    facts.refresh([world.b.pk])
    view = dashboard_build(world)
    assert not view.from_snapshot and view.total.values["attended"] == 4
    assert dashboard_build(world).from_snapshot


def dashboard_build(world):
    from reports import dashboard
    from reports.selectors import Filters

    return dashboard.build(
        world.officer, Filters(programme_id=world.programme.pk, by="gender")
    )


def test_many_groups_are_trimmed_on_the_page_but_not_in_downloads(
    client, world, monkeypatch
):
    monkeypatch.setattr("reports.views.MOST_GROUPS_SHOWN", 1)
    signed_in(client, world.officer)
    page = client.get(programme_url(world), {"by": "cluster"}).content.decode()
    assert "The 1 largest of 2 groups are shown" in page
    assert "K1 mushrooms" in page and "K2 potters" not in page
    table = client.get(
        reverse("reports:programme_table", args=[world.programme.pk, "reach"]),
        {"by": "cluster", "format": "csv"},
    ).content.decode("utf-8-sig")
    assert "K1 mushrooms" in table and "K2 potters" in table


# After review -------------------------------------------------------------------------------


def test_other_programmes_cohort_as_a_filter_shows_nothing_anywhere(client, world):
    signed_in(client, world.officer)
    drill = client.get(
        reverse("reports:programme_participants", args=[world.programme.pk]),
        {"cohort": world.c.pk, "measure": "invited"},
    ).content.decode()
    assert "Fathima" not in drill
    table = client.get(
        reverse("reports:programme_table", args=[world.programme.pk, "reach"]),
        {"cohort": world.c.pk, "format": "csv"},
    ).content.decode("utf-8-sig")
    assert "Fathima" not in table
    assert (
        api(world.officer)
        .get("/api/v1/reports/summary/", {"cohort": world.c.pk})
        .status_code
        == 404
    )


def test_trainers_do_not_see_people_who_only_asked_to_join(client, world):
    signed_in(client, world.trainer)
    url = reverse("reports:cohort_participants", args=[world.a.pk])
    page = client.get(url, {"measure": "invited"}).content.decode()
    assert "Amali One" in page and "Dilini Four" not in page
    download = client.get(url, {"measure": "invited", "format": "csv"})
    assert "Dilini" not in download.content.decode("utf-8-sig")
    signed_in(client, world.officer)  # the officer decides on requests: sees them
    assert "Dilini Four" in client.get(url, {"measure": "invited"}).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"by": "cluster", "group": "²"},
        {"by": "cluster", "group": "9" * 30},
        {"measure": "follow_up:²:owed"},
        {"measure": "outcome:²"},
        {"measure": "outcome:" + "9" * 30},
        {"page": "²"},
        {"cohort": "²"},
        {"youth": "9" * 30},
    ],
)
def test_odd_query_parameters_never_fail(client, world, params):
    signed_in(client, world.officer)
    url = reverse("reports:programme_participants", args=[world.programme.pk])
    assert client.get(url, params).status_code in (200, 404)
    assert client.get(programme_url(world), params).status_code == 200


def test_an_older_cohort_can_be_chosen_as_a_filter(client, world, monkeypatch):
    monkeypatch.setattr("reports.forms.MOST_COHORTS_LISTED", 1)
    signed_in(client, world.officer)
    page = client.get(programme_url(world), {"cohort": world.a.pk}).content.decode()
    assert "errorlist" not in page
    assert f'<option value="{world.a.pk}" selected>' in page


def test_a_background_export_keeps_the_name_search(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_INLINE_EXPORT_ROWS = 1
    signed_in(client, world.officer)
    url = reverse("reports:programme_participants", args=[world.programme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url, {"measure": "invited", "q": "amali", "format": "csv"})
    job = ExportJob.objects.get()
    with job.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    assert text.count("Amali One") == 2 and "Bandara" not in text


def test_a_stopped_export_is_given_up_and_its_file_goes_with_it(
    client, world, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from reports import services

    signed_in(client, world.officer)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django_q.tasks.async_task", lambda *a, **k: None)
        job = services.start_export(
            user=world.officer,
            kind="participants",
            params={"programme": world.programme.pk, "query": {}},
            file_format="csv",
            title="x",
        )
    ExportJob.objects.filter(pk=job.pk).update(
        state="running", updated_at=timezone.now() - timedelta(minutes=11)
    )
    page = client.get(reverse("reports:export", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    services.run_export(job.pk)  # the old worker, if it wakes, finds it given up
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    # A finished export's file is removed with its owner's account.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django_q.tasks.async_task", lambda *a, **k: None)
        done = services.start_export(
            user=world.officer,
            kind="participants",
            params={"programme": world.programme.pk, "query": {"by": "gender"}},
            file_format="csv",
            title="y",
        )
    services.run_export(done.pk)
    done.refresh_from_db()
    path = done.file.path
    import os

    assert os.path.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        world.officer.delete()
    assert not os.path.exists(path)


def test_refresh_twice_queues_once(client, world, django_capture_on_commit_callbacks):
    signed_in(client, world.officer)
    url = reverse("reports:programme_refresh", args=[world.programme.pk])
    with django_capture_on_commit_callbacks(execute=False) as first:
        client.post(url)
    with django_capture_on_commit_callbacks(execute=False) as second:
        client.post(url)
    assert len(first) == 1 and len(second) == 0


def test_the_scheduled_refresh_prepares_the_usual_views(world):
    from reports import tasks
    from reports.models import Snapshot

    Snapshot.objects.all().delete()
    tasks.rebuild_all()
    keys = set(
        Snapshot.objects.filter(programme=world.programme).values_list("key", flat=True)
    )
    assert {key.split("|")[0] for key in keys} == {"", "gender", "age"}
    from reports import dashboard
    from reports.selectors import Filters

    assert dashboard.build(
        world.officer, Filters(programme_id=world.programme.pk, by="age")
    ).from_snapshot
