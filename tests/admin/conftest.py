"""Admin test fixtures: the demo secretariat account signed in, the demo data, and Debian's Chromium."""

import gc
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def demo_account(db, settings, tmp_path):
    """The demo secretariat account as `make run` creates it: (user name, password)."""
    settings.CONVENE_DEMO_PASSWORD_FILE = tmp_path / ".demo-password"
    call_command("setup_roles", stdout=StringIO())
    call_command("ensure_demo_account", stdout=StringIO())
    return settings.CONVENE_DEMO_USERNAME, settings.CONVENE_DEMO_PASSWORD_FILE.read_text().strip()


@pytest.fixture
def secretariat_client(client, demo_account):
    """A client signed in through the admin's login form as the demo secretariat account."""
    username, password = demo_account
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    assert (response.status_code, response.url) == (302, "/admin/")
    return client


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def _browser_already_running():
    """A connected Chromium launched by another conftest's fixture in this run (tests/browser keeps one open)."""
    from playwright.sync_api import Browser

    # type(), not isinstance(): isinstance would wake up lazy objects (a test client's resolver_match) on the way.
    return next((obj for obj in gc.get_objects() if type(obj) is Browser and obj.is_connected()), None)


@pytest.fixture
def chromium():
    """Debian's Chromium driven by Playwright; never downloads a browser.

    Playwright allows one sync driver per thread: reuse a browser another fixture keeps open, else launch one
    for this test only and stop it afterwards, so that the next fixture may start its own.
    """
    if not CHROMIUM.exists():
        if os.environ.get("CONVENE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and CONVENE_REQUIRE_BROWSER=1: install Debian's chromium package.")
        pytest.skip(f"{CHROMIUM} is missing (set CONVENE_REQUIRE_BROWSER=1 to make this a failure)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable from the test.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    running = _browser_already_running()
    if running is not None:
        yield running
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
