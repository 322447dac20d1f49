"""A participant finds her certificate on a phone, in Sinhala, downloads it; a buyer checks
it on a desktop without an account; an officer issues from the Certificates page."""

import pytest

from certificates import services
from tests.cert_fixtures import certificate_setup
from tests.e2e.conftest import in_language, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def issued(plan_set):
    certificate_setup(plan_set.cohort)
    plan_set.certificate = services.issue(
        cohort=plan_set.cohort, user=plan_set.enrolled[0], by=plan_set.officer
    ).certificate
    return plan_set


def test_a_participant_downloads_her_certificate_on_a_phone(
    live_server, phone_page, screenshot, issued
):
    person = issued.certificate.user
    page = phone_page
    sign_in(page, live_server.url, person.email, PASSWORD, language="si")
    page.goto(f"{live_server.url}/si/certificates/")
    page.get_by_role(
        "heading", name=in_language("si", "My certificates"), exact=True
    ).wait_for()
    screenshot(page, "certificates-phone-si")
    with page.expect_download() as download:
        page.get_by_role("link", name=in_language("si", "Download the PDF")).click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_buyer_checks_a_certificate_without_an_account(
    live_server, desktop_page, screenshot, issued
):
    cert = issued.certificate
    page = desktop_page
    page.goto(f"{live_server.url}/verify/{cert.code}/")
    page.get_by_text(cert.full_name).wait_for()
    assert page.get_by_text("Kegalle District Chamber of Commerce").is_visible()
    screenshot(page, "verify-desktop")


def test_an_officer_issues_from_the_certificates_page(
    live_server, desktop_page, screenshot, issued
):
    page = desktop_page
    sign_in(page, live_server.url, issued.officer.email, PASSWORD)
    page.goto(f"{live_server.url}/en/certificates/cohorts/{issued.cohort.pk}/")
    page.get_by_role("heading", name=f"Certificates: {issued.cohort}").wait_for()
    page.get_by_role("row", name=issued.enrolled[1].full_name).get_by_role(
        "button", name="Issue"
    ).click()
    page.get_by_text("issued to", exact=False).wait_for()
    screenshot(page, "certificates-officer-desktop")
