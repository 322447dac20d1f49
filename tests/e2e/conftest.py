"""Real-browser journeys: Playwright for Python driving Debian's Chromium against the live
server. Playwright's own browser download does not work here, and is never used."""

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

PHONE = {"width": 412, "height": 823}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# SQLite in memory is one connection, which the live server hands to every thread it
# starts. Two requests at once (a page and the service worker's sync, say) then share one
# transaction: "cannot start a transaction within a transaction", a 500, and a test that
# fails one run in many. The server below takes one request at a time on such a database,
# from the call into Django until the response has been sent and closed; on PostgreSQL it
# serves requests side by side as before. The test's own reads can take the same turn
# with `one_at_a_time()`.
_SERVER_TURN = threading.RLock()


@contextmanager
def one_at_a_time():
    """Hold the live server's turn: no request is inside Django meanwhile (SQLite only)."""
    with _SERVER_TURN:
        yield


class _ReleasesTheTurn:
    """The response's body, which gives the turn back once the server has closed it."""

    def __init__(self, result):
        self._result = result

    def __iter__(self):
        return iter(self._result)

    def close(self):
        try:
            close = getattr(self._result, "close", None)
            if close is not None:
                close()
        finally:
            _SERVER_TURN.release()


class _OneRequestAtATimeServer(ThreadedWSGIServer):
    def set_app(self, application):
        if not self.connections_override:  # a database of its own per thread
            return super().set_app(application)

        def in_turn(environ, start_response):
            _SERVER_TURN.acquire()
            try:
                result = application(environ, start_response)
            except BaseException:
                _SERVER_TURN.release()
                raise
            return _ReleasesTheTurn(result)

        return super().set_app(in_turn)


# pytest-django builds its live server from this class; the session's server is the only one.
LiveServerThread.server_class = _OneRequestAtATimeServer


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
def _migrated_data(migrated_data):
    """A browser test commits: see `tests.conftest.migrated_data`."""
