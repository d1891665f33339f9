"""Session types, languages, external ids, mononyms and times with offsets, seen through the API and the admin."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Meeting
from participants.models import Person
from sessions.models import Session, SessionType
from sessions.services import session_types_add_defaults
from tests.factories import (
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    SessionFactory,
    SessionRoleFactory,
    SessionTypeFactory,
)

pytestmark = pytest.mark.django_db
# A 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


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


@pytest.mark.parametrize("value", ["2024-07-22T10:75:00+05:00", "2024-07-22T10:75:00"])
def test_an_impossible_time_is_refused_naming_the_field(writer, value):
    meeting = MeetingFactory()

    response = writer.post("/api/v1/sessions/", session_body(meeting, starts_at=value), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["starts_at"]
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


def test_an_unknown_query_parameter_is_a_400_naming_it(anonymous):
    response = anonymous.get("/api/v1/people/?slug=julien&sluggish=1&colour=red")

    assert response.status_code == 400
    assert sorted(response.json()) == ["colour", "sluggish"]
    assert "slug" in response.json()["colour"][0]


@pytest.mark.parametrize(
    "url", ["/api/v1/sessions/?kind=plenary", "/api/v1/meetings/?statuss=published", "/api/v1/rooms/?meting=x"]
)
def test_every_list_refuses_unknown_parameters(anonymous, url):
    response = anonymous.get(url)
    assert (response.status_code, len(response.json())) == (400, 1)


def test_people_are_found_by_slug_and_by_meeting_whatever_their_role(anonymous):
    session = SessionFactory()
    speaker = PersonFactory(slug="julien", given_name_en="Julien", family_name_en="")
    SessionRoleFactory(session=session, person=speaker)
    delegate = ParticipantFactory(delegation__meeting=session.meeting).person
    PersonFactory(slug="elsewhere")
    hidden = PersonFactory(slug="hidden", listed_publicly=False)
    SessionRoleFactory(session=session, person=hidden)

    def slugs(url):
        return sorted(person["slug"] for person in anonymous.get(url).json()["results"])

    assert slugs("/api/v1/people/?slug=julien") == ["julien"]
    assert slugs(f"/api/v1/people/?meeting={session.meeting.slug}") == sorted(["julien", delegate.slug])


def test_a_photo_is_written_with_multipart_and_checked_by_its_content(writer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(slug="julien")

    refused = writer.patch(
        f"/api/v1/people/{person.pk}/",
        {"photo": SimpleUploadedFile("photo.png", b"<svg onload=alert(1)>", content_type="image/png")},
        format="multipart",
    )
    accepted = writer.patch(
        f"/api/v1/people/{person.pk}/",
        {"photo": SimpleUploadedFile("photo.png", PNG, content_type="image/png"), "given_name": "Julien"},
        format="multipart",
    )

    assert (refused.status_code, list(refused.json())) == (400, ["photo"])
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["photo"].startswith("http://testserver/media/people/")
    person.refresh_from_db()
    with person.photo.open("rb") as photo:
        assert (photo.read(), person.given_name_en) == (PNG, "Julien")


def test_the_agenda_shows_each_session_in_the_language_it_exists_in_with_its_type_and_language(client):
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED)
    SessionFactory(
        meeting=meeting,
        title_en=None,
        title_fr="Atelier sur les semences",
        title_ar=None,
        type=SessionTypeFactory(meeting=meeting, code="workshop", name_en="Workshop", name_fr="Atelier pratique"),
        language="fr",
    )

    english = client.get(f"/en/meetings/{meeting.slug}/agenda/").content.decode()
    arabic = client.get(f"/ar/meetings/{meeting.slug}/agenda/").content.decode()

    assert "Atelier sur les semences" in english
    assert "Atelier sur les semences" in arabic
    assert "Workshop" in english
    assert 'lang="fr">français<' in english


def test_a_post_to_a_meeting_slug_no_route_takes_answers_a_json_404(writer):
    from rest_framework.test import APIClient

    # CSRF checked, as for a real client: the unknown URL must not answer the CSRF failure's HTML 403.
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(**writer._credentials)
    response = client.post("/api/v1/meetings/programme%20import/schedule/", {}, format="json")

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
