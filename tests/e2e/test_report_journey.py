"""A programme officer reads the dashboard on a phone, breaks it down by gender, drills into
the people behind a figure, downloads a table and the donor report; in Khmer on a desktop."""

import io

import pytest
from openpyxl import load_workbook

from reports import facts
from tests.e2e.conftest import in_language, sign_in
from tests.factories import PASSWORD
from tests.report_fixtures import report_world  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(report_world):  # noqa: F811
    facts.rebuild()
    return report_world


def test_an_officer_reads_and_exports_on_a_phone(
    live_server, phone_page, screenshot, world
):
    page = phone_page
    sign_in(page, live_server.url, world.officer.email, PASSWORD)
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Programme P").click()
    page.get_by_role("heading", name="Programme P").wait_for()
    page.locator("details.filters summary").click()
    page.get_by_label("Break down by").select_option("gender")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("row", name="Female").first.wait_for()
    screenshot(page, "report-phone-en")

    # The "Completed" bar of the funnel leads to the one person who completed.
    page.locator(".chart").first.get_by_role("link", name="Completed").click()
    page.get_by_role("heading", name="Completed").wait_for()
    assert page.get_by_role("row", name="Amali One").count() == 2  # A and B
    assert page.get_by_role("row", name="Bandara Two").count() == 0
    page.go_back()

    with page.expect_download() as download:
        page.locator("section:has(#reach) .table-links").get_by_role(
            "link", name="XLSX"
        ).click()
    with open(download.value.path(), "rb") as handle:
        rows = list(
            load_workbook(io.BytesIO(handle.read())).active.iter_rows(values_only=True)
        )
    assert rows[1][:6] == ("All", 5, 4, 3, 1, 1)

    page.get_by_role("button", name="Donor report (PDF)").click()
    page.get_by_role("link", name="Download (PDF)").wait_for()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download (PDF)").click()
    with open(pdf.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_the_dashboard_in_khmer_on_a_desktop(
    live_server, desktop_page, screenshot, world
):
    page = desktop_page
    sign_in(page, live_server.url, world.officer.email, PASSWORD, language="km")
    page.goto(f"{live_server.url}/km/reports/programmes/{world.programme.pk}/?by=age")
    page.get_by_role("heading", name=in_language("km", "Reach")).wait_for()
    assert page.get_by_text(in_language("km", "Follow-up reports")).first.is_visible()
    screenshot(page, "report-desktop-km")
