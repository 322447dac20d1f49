import pytest

from tests.e2e.conftest import in_language, sign_in
from tests.factories import PASSWORD, make_participant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _si(text):
    return in_language("si", text)


def test_participant_signs_in_on_a_phone_and_switches_to_sinhala(
    live_server, phone_page, screenshot
):
    user = make_participant(full_name="W. M. Kumari Wijesinghe", phone="+94771234567")
    page = phone_page

    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("Email or phone number").fill("+94 77 123 4567")
    page.get_by_label("Password").fill(PASSWORD)
    screenshot(page, "phone-en-sign-in")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/en/accounts/account/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hello")
    assert user.full_name in page.content()

    # The switcher is a disclosure: open it, pick Sinhala.
    page.locator("details.lang-switch summary").click()
    page.get_by_role("button", name="සිංහල").click()

    page.wait_for_url("**/si/accounts/account/")
    assert page.locator("html").get_attribute("lang") == "si"
    nav = page.get_by_role("navigation")
    assert nav.get_by_role("link", name=_si("My account")).is_visible()
    assert nav.get_by_role("button", name=_si("Sign out")).is_visible()
    assert page.get_by_role("heading", name=_si("Your settings")).is_visible()
    assert _si("My account") != "My account"

    # Nothing overflows the phone's width.
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    screenshot(page, "phone-si-account")

    # The choice is remembered on the account.
    user.refresh_from_db()
    assert user.preferred_language == "si"


def test_wrong_password_is_explained_on_the_page(live_server, phone_page, screenshot):
    make_participant(email="kamala@example.org")
    page = phone_page
    sign_in(
        page, live_server.url, "kamala@example.org", "not-the-password", language="ta"
    )
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert alert.is_visible()
    expected = in_language(
        "ta",
        "That email or phone number and password do not match an account. "
        "Check both and try again.",
    )
    assert expected in alert.inner_text()
    screenshot(page, "phone-ta-wrong-password")


def test_home_page_on_desktop(live_server, desktop_page, screenshot):
    page = desktop_page
    page.goto(f"{live_server.url}/en/")
    assert page.get_by_role("link", name="Cluster Academy").is_visible()
    screenshot(page, "desktop-en-home")
