"""Session types, languages, external ids, mononyms and times with offsets, seen through the API and the admin."""

import pytest

from participants.models import Person
from sessions.models import Session, SessionType
from sessions.services import session_types_add_defaults
from tests.factories import MeetingFactory, PersonFactory, SessionFactory, SessionTypeFactory

pytestmark = pytest.mark.django_db


def session_body(meeting, **values):
    return {
        "meeting": meeting.pk,
        "slug": "atelier",
        "title": {"fr": "Atelier sur la sécurité alimentaire"},
        "starts_at": "2024-07-22T10:00:00+05:00",
        "ends_at": "2024-07-22T11:00:00+05:00",
        **values,
    }


def test_session_takes_a_type_of_its_meeting_by_code_and_a_language(writer):
    meeting = MeetingFactory()
    SessionTypeFactory(meeting=meeting, code="workshop", name_en="Workshop")
    SessionTypeFactory(meeting=MeetingFactory(slug="other"), code="workshop")

    response = writer.post(
        "/api/v1/sessions/",
        session_body(meeting, type="workshop", language="fr", external_id="PX-7Q"),
        format="json",
    )

    assert response.status_code == 201, response.json()
    data = writer.get(f"/api/v1/sessions/{response.json()['id']}/?lang=en").json()
    # A French-only title is served in French when English is asked for.
    assert (data["type"], data["language"], data["external_id"], data["title"]) == (
        "workshop",
        "fr",
        "PX-7Q",
        "Atelier sur la sécurité alimentaire",
    )
    assert Session.objects.get().type.meeting == meeting


def test_a_type_of_another_meeting_or_an_unknown_language_is_refused(writer):
    meeting = MeetingFactory()
    SessionTypeFactory(meeting=MeetingFactory(slug="other"), code="workshop")

    response = writer.post("/api/v1/sessions/", session_body(meeting, type="workshop", language="xx"), format="json")

    assert response.status_code == 400
    assert sorted(response.json()) == ["language", "type"]
    assert Session.objects.count() == 0


def test_an_external_id_is_unique_within_its_meeting(writer):
    existing = SessionFactory(external_id="guid-1")

    response = writer.post("/api/v1/sessions/", session_body(existing.meeting, external_id="guid-1"), format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"external_id": ["Another session of this meeting has this external id."]},
    )


@pytest.mark.parametrize("field", ["starts_at", "ends_at"])
def test_a_time_without_offset_is_refused_naming_the_field_and_the_meetings_time_zone(writer, field):
    meeting = MeetingFactory()

    response = writer.post("/api/v1/sessions/", session_body(meeting, **{field: "2024-07-22T10:30:00"}), format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    [message] = response.json()[field]
    assert "Asia/Almaty" in message
    assert "2024-07-22T10:30:00+05:00" in message
    assert Session.objects.count() == 0


def test_a_title_in_no_language_is_refused_with_one_message(writer):
    meeting = MeetingFactory()

    response = writer.post("/api/v1/sessions/", session_body(meeting, title={"en": "", "fr": ""}), format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"title": ["Give it in at least one language (English, French, Arabic)."]},
    )


def test_a_person_with_one_name_is_accepted_sorted_and_named(writer):
    PersonFactory(given_name_en="Amina", family_name_en="Zayed", slug="zayed")
    PersonFactory(given_name_en="Bruno", family_name_en="Abel", slug="abel")

    response = writer.post("/api/v1/people/", {"given_name": {"fr": "Julien"}, "slug": "julien"}, format="json")

    assert response.status_code == 201, response.json()
    names = [person["slug"] for person in writer.get("/api/v1/people/").json()["results"]]
    assert names == ["abel", "julien", "zayed"]
    assert Person.objects.get(slug="julien").full_name == "Julien"


def test_a_person_without_any_name_is_refused_once(writer):
    response = writer.post("/api/v1/people/", {"given_name": {"en": ""}, "slug": "nobody"}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"given_name": ["Give it in at least one language (English, French, Arabic)."]},
    )


def test_default_types_are_the_un_kinds_and_are_added_once():
    meeting = MeetingFactory()

    session_types_add_defaults(meeting=meeting)
    session_types_add_defaults(meeting=meeting)

    assert list(SessionType.objects.filter(meeting=meeting).values_list("code", "is_break")) == [
        ("opening_ceremony", False),
        ("plenary", False),
        ("working_session", False),
        ("side_event", False),
        ("signing_ceremony", False),
        ("break", True),
        ("closing", False),
    ]
