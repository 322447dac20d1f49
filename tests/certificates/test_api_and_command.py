"""The certificates API for each role, public verification by code, and the
issue_certificates command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from certificates import services
from certificates.models import Certificate, CertificateSetup, CertificateTemplate
from tests import factories
from tests.cert_fixtures import certificate_setup

pytestmark = pytest.mark.django_db


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def ready(plan_set):
    certificate_setup(plan_set.cohort, require_plan=True)
    return plan_set


def test_officers_issue_and_revoke_participants_see_their_own(ready):
    person, other = ready.enrolled[0], ready.enrolled[1]
    body = {"cohort": ready.cohort.pk, "user": person.pk}
    assert (
        _api(ready.officer)
        .post("/api/v1/certificates/", body, format="json")
        .status_code
        == 400
    )
    body["override_reason"] = "Plan presented orally"
    made = _api(ready.officer).post("/api/v1/certificates/", body, format="json")
    assert made.status_code == 201
    again = _api(ready.officer).post("/api/v1/certificates/", body, format="json")
    assert again.status_code == 200 and again.json()["number"] == made.json()["number"]
    assert (
        _api(ready.trainer)
        .post("/api/v1/certificates/", body, format="json")
        .status_code
        == 403
    )
    assert (
        _api(factories.make_officer())
        .post("/api/v1/certificates/", body, format="json")
        .status_code
        == 404
    )
    assert [
        c["full_name"]
        for c in _api(person).get("/api/v1/certificates/").json()["results"]
    ] == [person.full_name]
    assert _api(other).get("/api/v1/certificates/").json()["results"] == []
    assert (
        len(
            _api(ready.trainer)
            .get(f"/api/v1/certificates/?cohort={ready.cohort.pk}")
            .json()["results"]
        )
        == 1
    )
    cert_id = made.json()["id"]
    assert (
        _api(person)
        .post(f"/api/v1/certificates/{cert_id}/revoke/", {"reason": "x"}, format="json")
        .status_code
        in (403, 404)  # not the participant's to act on
    )
    revoked = _api(ready.officer).post(
        f"/api/v1/certificates/{cert_id}/revoke/",
        {"reason": "Duplicate"},
        format="json",
    )
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"


def test_verification_by_code_is_public_and_says_only_the_facts(ready):
    cert = services.issue(
        cohort=ready.cohort,
        user=ready.enrolled[0],
        by=ready.officer,
        override_reason="ok",
    ).certificate
    answer = _api().get(f"/api/v1/certificates/verify/{cert.code}/")
    assert answer.status_code == 200
    assert set(answer.json()) == {
        "name",
        "programme",
        "cohort",
        "starts_on",
        "ends_on",
        "issuer",
        "number",
        "issued_on",
        "status",
        "revoked_on",
    }
    assert _api().get("/api/v1/certificates/verify/ABCDEFGHJKMN/").status_code == 404
    assert _api().get("/api/v1/certificates/").status_code in (401, 403)


def test_issue_all_through_the_api_starts_a_job(
    ready, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = _api(ready.officer).post(
            "/api/v1/certificates/issue-all/",
            {"cohort": ready.cohort.pk},
            format="json",
        )
    assert answer.status_code == 202
    assert Certificate.objects.count() == 0  # no one has submitted a plan


def test_the_command_says_who_was_skipped_and_why(ready):
    out = StringIO()
    call_command(
        "issue_certificates", "--cohort", str(ready.cohort.pk), "--dry-run", stdout=out
    )
    assert (
        "Action plan not submitted" in out.getvalue()
        and not Certificate.objects.exists()
    )
    setup = CertificateSetup.objects.get(cohort=ready.cohort)
    setup.require_plan = False
    setup.save()
    out = StringIO()
    call_command("issue_certificates", "--cohort", str(ready.cohort.pk), stdout=out)
    assert f"{len(ready.enrolled)} issued" in out.getvalue()
    out = StringIO()
    call_command("issue_certificates", "--cohort", str(ready.cohort.pk), stdout=out)
    assert "0 issued" in out.getvalue() and Certificate.objects.count() == len(
        ready.enrolled
    )
    with pytest.raises(CommandError):
        call_command("issue_certificates", "--cohort", "999999")


def test_the_benchmark_runs_and_leaves_nothing_behind(plan_set):
    out = StringIO()
    call_command("bench_certificates", "--participants", "3", "--bare", "1", stdout=out)
    assert "3 certificates:" in out.getvalue() and "bare WeasyPrint" in out.getvalue()
    assert not Certificate.objects.exists()
    assert not CertificateTemplate.objects.filter(name="Benchmark").exists()
