"""iCalendar files parsed back with icalendar: the right instant, stable UIDs, the language asked for."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from tests.factories import MeetingFactory, RoomFactory, SessionFactory


@pytest.fixture
def astana_session(db):
    meeting = MeetingFactory(
        slug="astana-2024",
        timezone="Asia/Almaty",
        venue_en="Palace of Independence",
        venue_fr="Palais de l'Indépendance",
        city_en="Astana",
    )
    room = RoomFactory(meeting=meeting, name_en="Main Conference Hall", name_fr="Grande salle de conférence")
    return SessionFactory(
        meeting=meeting,
        room=room,
        slug="opening-ceremony",
        title_en="Opening ceremony",
        title_fr="Cérémonie d'ouverture",
        title_ar="حفل الافتتاح",
        description_en="Welcome address by the Director General.",
        description_fr="Allocution de bienvenue du Directeur général.",
        starts_at=datetime.datetime(2024, 7, 22, 10, tzinfo=meeting.tzinfo),
        ends_at=datetime.datetime(2024, 7, 22, 11, 30, tzinfo=meeting.tzinfo),
    )


def _calendar(client, name, language, **kwargs):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar):
    return [component for component in calendar.walk() if component.name == "VEVENT"]


def test_session_ics_puts_ten_in_astana_at_five_utc(client, astana_session):
    calendar = _calendar(client, "sessions:session_ics", "en", meeting_slug="astana-2024", slug="opening-ceremony")

    (event,) = _events(calendar)
    assert event.decoded("dtstart") == datetime.datetime(2024, 7, 22, 5, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2024, 7, 22, 6, 30, tzinfo=datetime.UTC)
    assert str(event["uid"]) == f"session-{astana_session.pk}@convene.sessions"
    assert str(event["summary"]) == "Opening ceremony"
    assert str(event["location"]) == "Main Conference Hall, Palace of Independence, Astana"
    assert str(calendar["version"]) == "2.0"


def test_session_ics_speaks_the_requested_language(client, astana_session):
    french = _events(
        _calendar(client, "sessions:session_ics", "fr", meeting_slug="astana-2024", slug="opening-ceremony")
    )
    arabic = _events(
        _calendar(client, "sessions:session_ics", "ar", meeting_slug="astana-2024", slug="opening-ceremony")
    )

    assert str(french[0]["summary"]) == "Cérémonie d'ouverture"
    assert "Allocution de bienvenue du Directeur général." in str(french[0]["description"])
    assert str(french[0]["location"]) == "Grande salle de conférence, Palais de l'Indépendance, Astana"
    assert str(arabic[0]["summary"]) == "حفل الافتتاح"


def test_session_ics_keeps_its_uid_and_raises_sequence_when_edited(client, astana_session):
    before = _events(
        _calendar(client, "sessions:session_ics", "en", meeting_slug="astana-2024", slug="opening-ceremony")
    )
    astana_session.starts_at += datetime.timedelta(hours=1)
    astana_session.ends_at += datetime.timedelta(hours=1)
    astana_session.save()
    after = _events(
        _calendar(client, "sessions:session_ics", "en", meeting_slug="astana-2024", slug="opening-ceremony")
    )

    assert str(after[0]["uid"]) == str(before[0]["uid"])
    assert (int(before[0]["sequence"]), int(after[0]["sequence"])) == (0, 1)
    assert after[0].decoded("dtstart") == datetime.datetime(2024, 7, 22, 6, tzinfo=datetime.UTC)
    assert after[0].decoded("last-modified") == astana_session.updated_at.replace(microsecond=0)


def test_agenda_ics_holds_every_public_session_once(client, astana_session):
    second = SessionFactory(
        meeting=astana_session.meeting,
        starts_at=datetime.datetime(2024, 7, 23, 14, tzinfo=astana_session.meeting.tzinfo),
        ends_at=datetime.datetime(2024, 7, 23, 15, tzinfo=astana_session.meeting.tzinfo),
    )
    SessionFactory(meeting=astana_session.meeting, is_public=False, title_en="Closed door")

    events = _events(_calendar(client, "sessions:agenda_ics", "en", meeting_slug="astana-2024"))

    assert sorted(str(event["uid"]) for event in events) == sorted(
        f"session-{pk}@convene.sessions" for pk in (astana_session.pk, second.pk)
    )
    assert [event.decoded("dtstart") for event in events] == [
        datetime.datetime(2024, 7, 22, 5, tzinfo=datetime.UTC),
        datetime.datetime(2024, 7, 23, 9, tzinfo=datetime.UTC),
    ]
