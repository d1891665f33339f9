"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

They skip only where Chromium is missing and CONVENE_REQUIRE_BROWSER is not set; CI sets it, so there a missing
browser fails. Playwright never downloads a browser here.
"""

import gc
import io
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command, get_commands

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse database calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


# Playwright allows one sync driver per thread, and several conftest files (tests/admin, tests/workflows) drive
# Chromium: they share one browser for the whole run, whichever fixture starts it first.
_shared = {"browser": None, "stop": None, "users": 0}


def _browser_already_running():
    """A connected Chromium that another fixture of this run launched, if any (found among live objects)."""
    from playwright.sync_api import Browser

    # type(), not isinstance(): isinstance would wake up lazy objects (a test client's resolver_match) on the way.
    return next((obj for obj in gc.get_objects() if type(obj) is Browser and obj.is_connected()), None)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CONVENE_REQUIRE_BROWSER"):
            pytest.fail(message + " and CONVENE_REQUIRE_BROWSER is set.")
        pytest.skip(message)
    if _shared["users"] == 0:
        browser = _browser_already_running()
        if browser is not None:
            _shared.update(browser=browser, stop=None)
        else:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

            def stop():
                browser.close()
                playwright.stop()

            _shared.update(browser=browser, stop=stop)
    _shared["users"] += 1
    yield _shared["browser"]
    _shared["users"] -= 1
    if _shared["users"] == 0:
        if _shared["stop"] is not None:
            _shared["stop"]()
        _shared.update(browser=None, stop=None)


@pytest.fixture
def outside_requests():
    """Every request that a page tried to send to a host other than this machine (each one is blocked)."""
    return []


@pytest.fixture
def open_page(chromium, outside_requests):
    """open_page(viewport=DESKTOP) -> a new page whose context blocks and records requests leaving localhost."""
    contexts = []

    def guard(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    def make(viewport=DESKTOP, **options):
        context = chromium.new_context(viewport=viewport, accept_downloads=True, **options)
        context.route("**/*", guard)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


MEETING_SLUG = "16th-un-oic-general-meeting-astana-2024"
LETTER_OF_INTENT_SLUG = "iofs-fao-letter-of-intent-2024"


@dataclass
class Demo:
    meeting: object
    session: object
    theme: object
    instrument: object


@pytest.fixture
def demo(transactional_db):
    """The demo meeting of `manage.py load_demo`, or an equivalent built with the factories when it is absent."""
    from agreements.models import Instrument
    from meetings.models import Meeting
    from sessions.models import Session

    if "load_demo" in get_commands():
        call_command("load_demo", stdout=io.StringIO())
    else:
        from tests.factories import InstrumentFactory, PartyFactory
        from tests.pages.conftest import build_programme

        programme = build_programme(sessions=6, slug=MEETING_SLUG)
        letter = InstrumentFactory(
            slug=LETTER_OF_INTENT_SLUG,
            title_en="Letter of Intent between IOFS and FAO",
            signed_at=programme.meeting,
            countries=["AF", "TD", "DJ", "GM", "KZ", "MR", "NG", "SO", "TJ"],
        )
        PartyFactory(instrument=letter, organization=programme.organization)
        PartyFactory(instrument=letter)
    meeting = Meeting.objects.get(slug=MEETING_SLUG)
    sessions = Session.objects.public().filter(meeting=meeting).select_related("theme").order_by("starts_at", "id")
    session = sessions.first()
    theme = next(s.theme for s in sessions if s.theme_id)
    return Demo(
        meeting=meeting, session=session, theme=theme, instrument=Instrument.objects.get(slug=LETTER_OF_INTENT_SLUG)
    )
