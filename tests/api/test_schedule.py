"""schedule.json: valid against the c3voc schema that schedule apps read, public sessions only."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command

from meetings.models import Meeting
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SessionTypeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(Path("/work/shared/specs/c3voc-schedule.schema.json").read_text())


def validate(document):
    jsonschema.Draft6Validator(SCHEMA, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER).validate(document)


def test_schedule_is_valid_against_the_c3voc_schema(anonymous):
    meeting = MeetingFactory(slug="16th-un-oic-general-meeting-astana-2024")
    room = RoomFactory(meeting=meeting)
    opening = SessionFactory(
        meeting=meeting, room=room, theme=ThemeFactory(), slug="Opening-Ceremony-", language="kk", external_id="S1"
    )
    SessionRoleFactory(session=opening, person=PersonFactory(given_name_en="Zhanna", family_name_en="Ospanova"))
    SessionFactory(
        meeting=meeting,
        type=SessionTypeFactory(meeting=meeting, code="break", name_fr="Pause", is_break=True),
        starts_at=datetime.datetime(2024, 7, 23, 9, 30, tzinfo=meeting.tzinfo),
        ends_at=datetime.datetime(2024, 7, 23, 12, 0, tzinfo=meeting.tzinfo),
    )
    document = anonymous.get(f"/api/v1/meetings/{meeting.slug}/schedule.json?lang=fr").json()
    validate(document)
    conference = document["schedule"]["conference"]
    assert (conference["acronym"], conference["daysCount"], conference["time_zone_name"]) == (
        "16th_un_oic_general_meeting_astana_2024",
        2,
        "Asia/Almaty",
    )
    first_day, second_day = conference["days"]
    event = first_day["rooms"][room.name_fr][0]
    assert (event["start"], event["duration"], event["slug"], event["persons"][0]["name"]) == (
        "10:00",
        "01:00",
        f"16th_un_oic_general_meeting_astana_2024-{opening.pk}-opening-ceremony",
        "Zhanna Ospanova",
    )
    # The type is its code, whatever the language asked for; the language is the session's own.
    assert (event["type"], event["language"]) == ("working_session", "kk")
    # A break without a room stays without one: no room is invented for it.
    assert [room["name"] for room in conference["rooms"]] == [room.name_fr]
    breaks = second_day["rooms"][""]
    assert [(e["date"], e["duration"], e["room"], e["type"], e["language"]) for e in breaks] == [
        ("2024-07-23T09:30:00+05:00", "02:30", "", "break", "")
    ]


def test_schedule_of_the_demo_meeting_is_valid(anonymous):
    call_command("load_demo", verbosity=0)
    slug = "16th-un-oic-general-meeting-astana-2024"
    for lang in ["en", "fr", "ar"]:
        validate(anonymous.get(f"/api/v1/meetings/{slug}/schedule.json?lang={lang}").json())


def test_schedule_leaves_out_hidden_sessions_and_unlisted_speakers(anonymous, client_for, private_key):
    meeting = MeetingFactory()
    public = SessionFactory(meeting=meeting)
    SessionRoleFactory(session=public, person=PersonFactory(listed_publicly=False, given_name_en="Secret"))
    SessionFactory(
        meeting=meeting,
        is_public=False,
        title_en="Closed consultation",
        starts_at=datetime.datetime(2024, 7, 22, 15, tzinfo=meeting.tzinfo),
        ends_at=datetime.datetime(2024, 7, 22, 16, tzinfo=meeting.tzinfo),
    )
    public_text = anonymous.get(f"/api/v1/meetings/{meeting.slug}/schedule.json").content.decode()
    private_text = client_for(private_key).get(f"/api/v1/meetings/{meeting.slug}/schedule.json").content.decode()
    assert ("Closed consultation" in public_text, "Secret" in public_text) == (False, False)
    assert ("Closed consultation" in private_text, "Secret" in private_text) == (True, True)


def test_schedule_with_a_timezone_the_schema_cannot_name_leaves_the_name_out(anonymous):
    meeting = MeetingFactory(timezone="America/Argentina/Buenos_Aires", status=Meeting.Status.PUBLISHED)
    SessionFactory(meeting=meeting)
    document = anonymous.get(f"/api/v1/meetings/{meeting.slug}/schedule.json").json()
    validate(document)


def test_schedule_of_an_unknown_meeting_is_404(anonymous):
    response = anonymous.get("/api/v1/meetings/nothing/schedule.json")
    assert (response.status_code, response.json()) == (404, {"detail": "No Meeting matches the given query."})
