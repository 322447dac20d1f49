"""The officers' Certificates page (eligibility, issue, issue all, re-issue, revoke), the
admin screens, and who may use them."""

import pytest

from certificates.models import Certificate, CertificateSetup
from tests import factories
from tests.cert_fixtures import certificate_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def cert_page(plan_set):
    certificate_setup(plan_set.cohort, require_plan=True)
    plan_set.url = f"/en/certificates/cohorts/{plan_set.cohort.pk}/"
    return plan_set


def test_an_officer_issues_overrides_reissues_and_revokes(client, cert_page):
    client.force_login(cert_page.officer)
    page = client.get(cert_page.url)
    assert page.status_code == 200 and "Action plan not submitted" in page.text
    person = cert_page.enrolled[0]
    refused = client.post(
        cert_page.url, {"action": "issue", "user": person.pk}, follow=True
    )
    assert "Give a reason" in refused.text and not Certificate.objects.exists()
    client.post(
        cert_page.url, {"action": "issue", "user": person.pk, "reason": "Oral plan"}
    )
    cert = Certificate.objects.get(user=person)
    client.post(
        cert_page.url,
        {"action": "reissue", "certificate": cert.pk, "full_name": "Corrected Name"},
    )
    cert.refresh_from_db()
    assert (cert.full_name, cert.version) == ("Corrected Name", 2)
    client.post(
        cert_page.url,
        {"action": "revoke", "certificate": cert.pk, "reason": "Duplicate"},
    )
    cert.refresh_from_db()
    assert cert.status == "revoked"


def test_issue_all_runs_as_a_job_with_progress_for_the_eligible_only(
    client, cert_page, django_capture_on_commit_callbacks
):
    from actionplans import services as plan_services
    from certificates.models import IssueJob
    from tests.plan_fixtures import complete_content

    person = cert_page.enrolled[0]
    plan = plan_services.start_plan(user=person, cohort=cert_page.cohort, language="en")
    plan_services.submit_plan(
        plan=plan, revision=plan.revision, by=person, content=complete_content()
    )
    client.force_login(cert_page.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cert_page.url, {"action": "issue_all"})
    job = IssueJob.objects.get()
    assert (job.state, job.total, job.done, job.issued) == ("finished", 1, 1, 1)
    assert sorted(row["name"] for row in job.skipped) == sorted(
        p.full_name for p in cert_page.enrolled[1:]
    )
    page = client.get(cert_page.url)
    assert "<progress" in page.text and "participants skipped" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cert_page.url, {"action": "issue_all"})  # again: nothing more
    assert Certificate.objects.count() == 1
    assert IssueJob.objects.count() == 2


def test_trainers_read_others_do_not_reach(client, cert_page):
    client.force_login(cert_page.trainer)
    assert client.get(cert_page.url).status_code == 200
    assert client.post(cert_page.url, {"action": "issue_all"}).status_code == 403
    client.force_login(factories.make_officer())
    assert client.get(cert_page.url).status_code == 404
    client.force_login(cert_page.enrolled[0])
    assert client.get(cert_page.url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/certificates/certificatetemplate/",
        "/admin/snippets/certificates/certificatetemplate/add/",
        "/admin/certificates/setups/",
        "/admin/certificates/setups/new/",
    ],
)
def test_admin_screens_render_for_officers(client, cert_page, url):
    client.force_login(cert_page.officer)
    assert client.get(url).status_code == 200


def test_another_officer_cannot_edit_a_setup(client, cert_page):
    setup = CertificateSetup.objects.get(cohort=cert_page.cohort)
    client.force_login(factories.make_officer())
    assert client.get(f"/admin/certificates/setups/edit/{setup.pk}/").status_code == 404
    assert (
        cert_page.cohort.name
        not in client.get("/admin/certificates/setups/").content.decode()
    )


def test_odd_posted_ids_are_not_found_not_errors(client, cert_page):
    client.force_login(cert_page.officer)
    for field, action in (("user", "issue"), ("certificate", "revoke")):
        response = client.post(
            cert_page.url, {"action": action, field: "abc", "reason": "x"}
        )
        assert response.status_code == 404
