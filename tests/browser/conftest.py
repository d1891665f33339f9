"""Browser tests: Playwright driving Debian's Chromium (tests/conftest.py) against pytest-django's live server."""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import DESKTOP, PHONE  # noqa: F401  (re-exported for the browser tests)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


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
    """The demo meeting of `manage.py load_demo`."""
    from agreements.models import Instrument
    from meetings.models import Meeting
    from sessions.models import Session

    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(slug=MEETING_SLUG)
    sessions = Session.objects.public().filter(meeting=meeting).select_related("theme").order_by("starts_at", "id")
    session = sessions.first()
    theme = next(s.theme for s in sessions if s.theme_id)
    return Demo(
        meeting=meeting, session=session, theme=theme, instrument=Instrument.objects.get(slug=LETTER_OF_INTENT_SLUG)
    )
