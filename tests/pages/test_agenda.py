"""The delegate's agenda on the server side: filters by room and speaker, the time grid, "my agenda" as a calendar,
the subscription link, the data that "now / next" is computed from, one time format per language and the time zone
named after the meeting's city. (What runs in the browser is in tests/browser/test_delegate_walk.py.)"""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from sessions.models import SessionRole
from tests.factories import MeetingFactory, PersonFactory, RoomFactory, SessionFactory, SessionRoleFactory
from tests.pages.conftest import build_programme

pytestmark = pytest.mark.django_db

ASTANA_DAY = datetime.date(2024, 7, 22)


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _agenda(client, meeting, language="en", **params):
    response = client.get(_url("sessions:agenda", language, meeting_slug=meeting.slug), params)
    assert response.status_code == 200
    return response.content.decode()


def _titles(html):
    return re.findall(r'class="session__title" id="session-\d+-title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def meeting():
    meeting = MeetingFactory(slug="astana", city_en="Astana", city_fr="Astana", city_ar="أستانا")
    hall, room_b = RoomFactory(meeting=meeting, name_en="Main Hall"), RoomFactory(meeting=meeting, name_en="Room B")
    local = meeting.tzinfo
    opening = SessionFactory(
        meeting=meeting,
        room=hall,
        title_en="Opening ceremony",
        starts_at=datetime.datetime(2024, 7, 22, 10, tzinfo=local),
        ends_at=datetime.datetime(2024, 7, 22, 11, 30, tzinfo=local),
    )
    working = SessionFactory(
        meeting=meeting,
        room=room_b,
        title_en="Working session on water",
        starts_at=datetime.datetime(2024, 7, 22, 14, tzinfo=local),
        ends_at=datetime.datetime(2024, 7, 22, 16, tzinfo=local),
    )
    SessionFactory(
        meeting=meeting,
        room=hall,
        title_en="Closing",
        starts_at=datetime.datetime(2024, 7, 23, 17, tzinfo=local),
        ends_at=datetime.datetime(2024, 7, 23, 17, 30, tzinfo=local),
    )
    aryn = PersonFactory(given_name_en="Berik", family_name_en="Aryn", slug="berik-aryn")
    SessionRoleFactory(session=opening, person=aryn, role=SessionRole.Role.SPEAKER)
    hidden = PersonFactory(given_name_en="Secret", family_name_en="Unlisted", slug="unlisted", listed_publicly=False)
    SessionRoleFactory(session=working, person=hidden, role=SessionRole.Role.SPEAKER)
    return meeting


def test_agenda_filters_by_room(client, meeting):
    room_b = meeting.rooms.get(name_en="Room B")

    html = _agenda(client, meeting, room=room_b.pk)

    assert _titles(html) == ["Working session on water"]
    assert f'<option value="{room_b.pk}" selected>Room B</option>' in html


def test_agenda_filters_by_speaker_and_lists_only_people_who_agreed(client, meeting):
    html = _agenda(client, meeting, speaker="berik-aryn")

    assert _titles(html) == ["Opening ceremony"]
    assert '<option value="berik-aryn" selected>' in html
    assert "Unlisted" not in html and 'value="unlisted"' not in html


def test_agenda_filter_by_a_person_not_listed_shows_nothing_of_them(client, meeting):
    html = _agenda(client, meeting, speaker="unlisted")

    assert _titles(html) == []
    assert "No session matches these filters." in html
    assert "Unlisted" not in html


def test_agenda_ignores_a_room_that_is_not_a_number(client, meeting):
    assert _titles(_agenda(client, meeting, room="abc")) == ["Opening ceremony", "Working session on water", "Closing"]


def test_agenda_grid_blocks_are_as_tall_as_the_sessions_are_long(client, meeting):
    html = _agenda(client, meeting, view="grid")

    # Day one starts at 10:00 (row 2); rows are five minutes: 10:00-11:30 is 18 rows, 14:00-16:00 is 24.
    opening = re.search(
        r'style="grid-row: (\d+) / (\d+); grid-column: (\S+);"[^>]*>\s*<p class="session__when">'
        r"<time[^>]*>10:00",
        html,
    )
    working = re.search(
        r'style="grid-row: (\d+) / (\d+); grid-column: (\S+);"[^>]*>\s*<p class="session__when">'
        r"<time[^>]*>14:00",
        html,
    )
    assert opening.groups() == ("2", "20", "2")
    assert working.groups() == ("50", "74", "3")
    assert 'aria-current="page">Time grid</a>' in html


def test_agenda_offers_a_webcal_subscription_to_the_ics_feed(client, meeting):
    html = _agenda(client, meeting)

    assert 'href="webcal://testserver/en/meetings/astana/agenda.ics"' in html


def test_my_agenda_calendar_holds_the_chosen_public_sessions_only(client, meeting):
    opening, working, closing = meeting.sessions.order_by("starts_at")
    private = SessionFactory(meeting=meeting, title_en="Closed-door session", is_public=False)
    elsewhere = SessionFactory(title_en="Another meeting's session")
    ids = f"{closing.pk},{opening.pk},{private.pk},{elsewhere.pk}"

    response = client.get(_url("sessions:agenda_ics", meeting_slug=meeting.slug), {"sessions": ids})

    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert response.status_code == 200
    assert summaries == ["Opening ceremony", "Closing"]
    assert response["Content-Disposition"] == 'attachment; filename="astana-my-agenda.ics"'
    assert str(calendar["refresh-interval"].to_ical(), "ascii") == "PT1H"


@pytest.mark.parametrize("value", ["", "1,abc", "-1", ",".join(["1"] * 201), "1;2"])
def test_my_agenda_calendar_refuses_a_bad_list_naming_the_parameter(client, meeting, value):
    response = client.get(_url("sessions:agenda_ics", meeting_slug=meeting.slug), {"sessions": value})

    assert response.status_code == 400
    assert response.content.decode().startswith("sessions:")


def test_agenda_cards_carry_their_times_for_now_and_next_in_the_meeting_zone(client, meeting):
    html = _agenda(client, meeting)

    assert 'data-starts="2024-07-22T10:00:00+05:00" data-ends="2024-07-22T11:30:00+05:00"' in html
    assert 'data-timezone="Asia/Almaty"' in html
    assert '<section class="agenda-day" data-date="2024-07-22"' in html
    # The page itself never says what is on now: the browser does, so the cached page cannot go stale.
    assert "is-now" not in html


def test_meeting_page_carries_the_schedule_for_now_and_next(client, meeting):
    html = client.get(_url("meetings:meeting_detail", slug=meeting.slug)).content.decode()

    entries = re.findall(r'<li data-starts="([^"]+)" data-ends="([^"]+)"><a href="[^"]+">([^<]+)</a>', html)
    assert entries == [
        ("2024-07-22T10:00:00+05:00", "2024-07-22T11:30:00+05:00", "Opening ceremony"),
        ("2024-07-22T14:00:00+05:00", "2024-07-22T16:00:00+05:00", "Working session on water"),
        ("2024-07-23T17:00:00+05:00", "2024-07-23T17:30:00+05:00", "Closing"),
    ]


@pytest.mark.parametrize(
    ("language", "start", "zone"),
    [
        ("en", ">10:00</time> – <time", "All times are Astana time"),
        ("fr", ">10\u00a0h\u00a000</time> – <time", "Toutes les heures sont en heure locale à Astana"),
        ("ar", ">10:00</time> – <time", "جميع الأوقات بتوقيت أستانا"),
    ],
)
def test_agenda_writes_times_one_way_per_language_and_names_the_zone_after_the_city(
    client, meeting, language, start, zone
):
    html = _agenda(client, meeting, language)

    assert start in html
    assert zone in html
    assert "Asia/Almaty" not in html.replace('data-timezone="Asia/Almaty"', "")
    assert "a.m." not in html and "p.m." not in html


def test_session_page_shows_the_speakers_photos(client, meeting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    opening = meeting.sessions.get(title_en="Opening ceremony")
    aryn = opening.roles.get().person
    aryn.photo = SimpleUploadedFile("aryn.png", _png(), content_type="image/png")
    aryn.save()

    url = _url("sessions:session_detail", meeting_slug=meeting.slug, slug=opening.slug)
    html = client.get(url).content.decode()

    assert re.search(r'<img class="person-role__photo" src="/media/people/[^"]+" alt=""', html)


def test_session_page_writes_the_room_and_venue_with_the_arabic_comma(client, meeting):
    opening = meeting.sessions.get(title_en="Opening ceremony")
    opening.room.name_ar = "القاعة الرئيسية"
    opening.room.save()
    meeting.venue_ar = "قصر الاستقلال"
    meeting.save()

    html = client.get(_url("sessions:session_detail", "ar", meeting_slug=meeting.slug, slug=opening.slug)).content
    assert "<dd>القاعة الرئيسية، قصر الاستقلال</dd>" in html.decode()


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_participant_list_has_no_space_before_the_separator(client, language):
    programme = build_programme(sessions=3)
    url = _url("participants:participant_list", language, meeting_slug=programme.meeting.slug)

    html = client.get(url).content.decode()

    assert re.search(r"Aryn</a><span class=\"position\">(, |، )", html)
    assert "Aryn</a>\n" not in html


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return buffer.getvalue()
