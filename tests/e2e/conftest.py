"""Real-browser journeys: Playwright for Python driving Debian's Chromium against the live
server. Playwright's own browser download does not work here, and is never used."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

PHONE = {"width": 412, "height": 823}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make setup installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


def in_language(language: str, text: str) -> str:
    """`text` as the page shows it in `language` (from the catalogues, not hard-coded)."""
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(text)


def sign_in(page, base_url: str, username: str, password: str, *, language: str = "en"):
    """Fill in and send the sign-in form as a participant would."""
    page.goto(f"{base_url}/{language}/accounts/sign-in/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def _migrated_data(transactional_db):
    """A browser test commits, so the database is flushed after it, taking with it what the
    migrations created: Wagtail's root page and collection, the locales, our home page and
    site, the role groups, and the standard indicators and plan template. Put them back for the next test. (Django's serialized rollback
    did not restore them reliably once plain tests had run first.)"""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    from cms.models import HomePage
    from people.roles import sync_roles

    if HomePage.objects.exists():
        return
    from django.apps import apps

    from actionplans.default_template import translate_default
    from actionplans.standard import create_standard_set

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.objects.filter(depth=1).first() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    home = root.add_child(
        instance=HomePage(title="Cluster Academy", slug="home", locale=english)
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    sync_roles()
    create_standard_set(apps)
    translate_default()
