"""Browser tests: Playwright driving Debian's Chromium (tests/conftest.py) against a live server of the demo."""

from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connections

from tests.conftest import DESKTOP, PHONE, start_live_server  # noqa: F401  (re-exported for the browser tests)

MEETING_SLUG = "16th-un-oic-general-meeting-astana-2024"
LETTER_OF_INTENT_SLUG = "iofs-fao-letter-of-intent-2024"


@dataclass
class Demo:
    url: str
    meeting: object
    session: object
    theme: object
    instrument: object


def demo_records(url):
    """The demo's records that the browser tests look for, with the address of the server showing them."""
    from agreements.models import Instrument
    from meetings.models import Meeting
    from sessions.models import Session

    meeting = Meeting.objects.get(slug=MEETING_SLUG)
    sessions = Session.objects.public().filter(meeting=meeting).select_related("theme").order_by("starts_at", "id")
    session = sessions.first()
    theme = next(s.theme for s in sessions if s.theme_id)
    instrument = Instrument.objects.get(slug=LETTER_OF_INTENT_SLUG)
    return Demo(url=url, meeting=meeting, session=session, theme=theme, instrument=instrument)


@pytest.fixture(scope="session")
def browser_db(django_db_setup, django_db_blocker):
    """The test database, even when every test collected reads the demo through the browser only.

    pytest-django creates it only for tests that ask for `db`, `transactional_db`, `live_server` or the `django_db`
    mark; the demo's tests ask for none (their transaction would hide the demo from the server), so a run of these
    tests alone would otherwise load the demo into the development database, and flush it.
    """
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="module")
def demo(browser_db, django_db_blocker):
    """The demo meeting of `manage.py load_demo`, loaded once for the module and served by its own live server.

    The tests only read it through the browser; the server sees the committed demo whatever the test's own
    transaction (mark the tests `django_db` so that the test database exists). The module's end empties the
    database again, as a transactional test would.
    """
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        server = start_live_server()
        try:
            yield demo_records(server.url)
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            # Playwright's event loop may have given this code a context of its own, and so a connection of its
            # own (Django's connections are context-local): close it, or the test database could not be dropped.
            connections.close_all()
