"""Writes with a write key: the same validation as the admin, a 400 naming the field, and nothing half-saved."""

import datetime

import pytest

from agreements.models import Instrument, Party, Signature
from meetings.models import Meeting
from participants.models import Participant
from sessions.models import Session
from tests.factories import (
    DelegationFactory,
    InstrumentFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipantFactory,
    PartyFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def post(client, resource, data):
    return client.post(f"/api/v1/{resource}/", data, format="json")


def test_a_whole_meeting_can_be_created_and_read_back_in_three_languages(writer, anonymous):
    series = post(writer, "series", {"name": {"en": "UN–OIC General Meetings"}, "slug": "un-oic"}).json()
    meeting = post(
        writer,
        "meetings",
        {
            "slug": "17th-general-meeting",
            "series": series["id"],
            "number": 17,
            "title": {"en": "17th General Meeting", "fr": "17e Réunion générale", "ar": "الاجتماع العام السابع عشر"},
            "city": {"en": "Geneva", "fr": "Genève"},
            "country": "CH",
            "start_date": "2026-07-20",
            "end_date": "2026-07-21",
            "timezone": "Europe/Zurich",
            "status": "published",
        },
    )
    assert meeting.status_code == 201, meeting.content
    meeting = meeting.json()
    room = post(writer, "rooms", {"meeting": meeting["id"], "name": {"en": "Room XX", "fr": "Salle XX"}}).json()
    fao = post(writer, "organizations", {"name": {"en": "FAO"}, "slug": "fao"}).json()
    iofs = post(writer, "organizations", {"name": {"en": "IOFS"}, "slug": "iofs"}).json()
    chair = post(
        writer,
        "people",
        {
            "slug": "jane-doe",
            "given_name": {"en": "Jane", "ar": "جين"},
            "family_name": {"en": "Doe", "ar": "دو"},
            "email": "jane@example.org",
            "listed_publicly": True,
        },
    ).json()
    session = post(
        writer,
        "sessions",
        {
            "meeting": meeting["id"],
            "slug": "opening",
            "kind": "opening_ceremony",
            "title": {"en": "Opening", "fr": "Ouverture", "ar": "الافتتاح"},
            "starts_at": "2026-07-20T09:00:00+02:00",
            "ends_at": "2026-07-20T10:00:00+02:00",
            "room": room["id"],
            "roles": [{"person": chair["id"], "role": "chair", "subject": {"en": "Welcome address"}}],
        },
    )
    assert session.status_code == 201, session.content
    delegation = post(writer, "delegations", {"meeting": meeting["id"], "organization": fao["id"]}).json()
    participant = post(writer, "participants", {"delegation": delegation["id"], "person": chair["id"]})
    assert participant.status_code == 201, participant.content
    instrument = post(
        writer,
        "instruments",
        {
            "slug": "fao-iofs-mou-2026",
            "kind": "memorandum_of_understanding",
            "title": {"en": "Memorandum of Understanding", "fr": "Mémorandum d'accord"},
            "status": "signed",
            "signed_on": "2026-07-20",
            "signed_at": meeting["id"],
            "countries": ["KZ", "CH"],
            "parties": [{"organization": fao["id"]}, {"organization": iofs["id"]}],
            "signatures": [{"organization": fao["id"], "person": chair["id"], "signed_on": "2026-07-20"}],
        },
    )
    assert instrument.status_code == 201, instrument.content

    read_back = anonymous.get(f"/api/v1/sessions/{session.json()['id']}/")
    assert read_back.json()["title"] == {"en": "Opening", "fr": "Ouverture", "ar": "الافتتاح"}
    assert read_back.json()["starts_at"] == "2026-07-20T09:00:00+02:00"
    assert read_back.json()["timezone"] == "Europe/Zurich"
    titles = {
        lang: anonymous.get(f"/api/v1/meetings/17th-general-meeting/?lang={lang}").json()["title"]
        for lang in ["en", "fr", "ar"]
    }
    assert titles == {"en": "17th General Meeting", "fr": "17e Réunion générale", "ar": "الاجتماع العام السابع عشر"}
    assert anonymous.get("/api/v1/meetings/17th-general-meeting/?lang=ar").json()["city"] == "Geneva"
    signed = anonymous.get("/api/v1/instruments/fao-iofs-mou-2026/?lang=fr").json()
    assert (signed["title"], [party["organization"] for party in signed["parties"]]) == (
        "Mémorandum d'accord",
        [fao["id"], iofs["id"]],
    )
    assert [(s["organization"], s["person"]) for s in signed["signatures"]] == [(fao["id"], chair["id"])]
    assert "email" not in anonymous.get(f"/api/v1/people/{chair['id']}/").json()


def test_partial_update_of_a_translation_keeps_the_other_languages(writer):
    session = SessionFactory()
    response = writer.patch(f"/api/v1/sessions/{session.pk}/", {"title": {"fr": "Nouveau titre"}}, format="json")
    assert response.status_code == 200, response.content
    session.refresh_from_db()
    assert (session.title_en, session.title_fr, session.title_ar) == (
        response.json()["title"]["en"],
        "Nouveau titre",
        response.json()["title"]["ar"],
    )


def test_put_replaces_a_room(writer):
    room = RoomFactory(capacity=50)
    response = writer.put(
        f"/api/v1/rooms/{room.pk}/",
        {"meeting": room.meeting_id, "name": {"en": "Hall A"}, "capacity": 300},
        format="json",
    )
    assert response.status_code == 200, response.content
    room.refresh_from_db()
    assert (room.name_en, room.capacity) == ("Hall A", 300)


def test_delete_removes_a_session(writer):
    session = SessionFactory()
    assert writer.delete(f"/api/v1/sessions/{session.pk}/").status_code == 204
    assert Session.objects.filter(pk=session.pk).exists() is False


def test_deleting_an_organization_still_referred_to_is_a_409(writer):
    delegation = DelegationFactory()
    response = writer.delete(f"/api/v1/organizations/{delegation.organization_id}/")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Other records still refer to this one; change or delete them first."},
    )


def test_overlapping_sessions_in_a_room_are_refused(writer):
    booked = SessionFactory(room=RoomFactory())
    meeting = booked.meeting
    response = post(
        writer,
        "sessions",
        {
            "meeting": meeting.pk,
            "slug": "clash",
            "title": {"en": "Clash"},
            "starts_at": (booked.starts_at + datetime.timedelta(minutes=30)).isoformat(),
            "ends_at": (booked.ends_at + datetime.timedelta(minutes=30)).isoformat(),
            "room": booked.room_id,
        },
    )
    assert response.status_code == 400
    assert list(response.json()) == ["room"]
    assert Session.objects.count() == 1


def test_moving_a_session_onto_a_booked_room_changes_nothing(writer):
    room = RoomFactory()
    booked = SessionFactory(room=room, meeting=room.meeting)
    other = SessionFactory(meeting=room.meeting, starts_at=booked.starts_at, ends_at=booked.ends_at)
    response = writer.patch(f"/api/v1/sessions/{other.pk}/", {"room": room.pk, "title": {"en": "X"}}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["room"])
    other.refresh_from_db()
    assert (other.room_id, other.title_en.startswith("Working session")) == (None, True)


def test_a_session_outside_its_meetings_days_is_refused(writer):
    meeting = MeetingFactory()
    response = post(
        writer,
        "sessions",
        {
            "meeting": meeting.pk,
            "slug": "too-late",
            "title": {"en": "Too late"},
            "starts_at": "2024-07-25T10:00:00+05:00",
            "ends_at": "2024-07-25T11:00:00+05:00",
        },
    )
    assert (response.status_code, list(response.json())) == (400, ["starts_at"])
    assert Session.objects.count() == 0


def test_a_session_ending_before_it_starts_is_refused(writer):
    meeting = MeetingFactory()
    response = post(
        writer,
        "sessions",
        {
            "meeting": meeting.pk,
            "slug": "backwards",
            "title": {"en": "Backwards"},
            "starts_at": "2024-07-22T11:00:00+05:00",
            "ends_at": "2024-07-22T10:00:00+05:00",
        },
    )
    assert (response.status_code, list(response.json())) == (400, ["ends_at"])


def test_a_badge_number_is_never_written_directly(writer):
    first = ParticipantFactory(badge_number=5)
    second = ParticipantFactory(delegation=DelegationFactory(meeting=first.meeting))
    response = writer.patch(f"/api/v1/participants/{second.pk}/", {"badge_number": 5}, format="json")
    # Badges come from accreditation (POST …/transition/): the field is read-only.
    assert (response.status_code, response.json()["badge_number"]) == (200, None)
    second.refresh_from_db()
    assert second.badge_number is None


def test_the_same_person_twice_at_a_meeting_is_refused(writer):
    first = ParticipantFactory()
    delegation = DelegationFactory(meeting=first.meeting)
    response = post(writer, "participants", {"delegation": delegation.pk, "person": first.person_id})
    assert response.json() == {"person": ["This person already takes part in this meeting."]}
    assert Participant.objects.count() == 1


def test_a_status_change_follows_the_workflow(writer):
    participant = ParticipantFactory(status=Participant.Status.INVITED)
    response = writer.patch(f"/api/v1/participants/{participant.pk}/", {"status": "attended"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["status"])
    participant.refresh_from_db()
    assert participant.status == Participant.Status.INVITED


def test_a_signature_for_an_organization_that_is_not_a_party_is_refused(writer):
    first, second, outsider = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    signatory = PersonFactory()
    response = post(
        writer,
        "instruments",
        {
            "slug": "loi",
            "kind": "letter_of_intent",
            "title": {"en": "Letter of Intent"},
            "status": "signed",
            "signed_on": "2024-07-22",
            "parties": [{"organization": first.pk}, {"organization": second.pk}],
            "signatures": [{"organization": outsider.pk, "person": signatory.pk, "signed_on": "2024-07-22"}],
        },
    )
    assert response.status_code == 400
    assert response.json() == {
        "signatures": [{"organization": ["This organization is not a party to this instrument."]}]
    }
    assert (Instrument.objects.count(), Party.objects.count(), Signature.objects.count()) == (0, 0, 0)


def test_a_signature_dated_before_the_instrument_is_refused(writer):
    party = PartyFactory()
    PartyFactory(instrument=party.instrument)
    response = writer.patch(
        f"/api/v1/instruments/{party.instrument.slug}/",
        {
            "signatures": [
                {"organization": party.organization_id, "person": PersonFactory().pk, "signed_on": "2020-01-01"}
            ]
        },
        format="json",
    )
    assert (response.status_code, list(response.json()["signatures"][0])) == (400, ["signed_on"])
    assert Signature.objects.count() == 0


def test_a_signed_instrument_needs_two_parties(writer):
    response = post(
        writer,
        "instruments",
        {
            "slug": "lonely",
            "kind": "agreement",
            "title": {"en": "Lonely"},
            "status": "signed",
            "signed_on": "2024-07-22",
            "parties": [{"organization": OrganizationFactory().pk}],
        },
    )
    assert (response.status_code, list(response.json())) == (400, ["status"])
    assert (Instrument.objects.count(), Party.objects.count()) == (0, 0)


def test_a_signed_instrument_without_a_date_is_refused(writer):
    response = post(
        writer, "instruments", {"slug": "undated", "kind": "agreement", "title": {"en": "U"}, "status": "signed"}
    )
    assert (response.status_code, list(response.json())) == (400, ["signed_on"])


def test_a_duplicate_slug_is_refused(writer):
    InstrumentFactory(slug="taken")
    response = post(writer, "instruments", {"slug": "taken", "kind": "agreement", "title": {"en": "T"}})
    assert (response.status_code, list(response.json())) == (400, ["slug"])


def test_a_meeting_ending_before_it_starts_is_refused(writer):
    response = post(
        writer,
        "meetings",
        {
            "slug": "backwards",
            "title": {"en": "Backwards"},
            "city": {"en": "Astana"},
            "country": "KZ",
            "start_date": "2024-07-23",
            "end_date": "2024-07-22",
        },
    )
    assert (response.status_code, list(response.json())) == (400, ["end_date"])
    assert Meeting.objects.count() == 0


def test_a_french_only_name_is_enough(writer):
    response = post(writer, "series", {"name": {"fr": "Série"}, "slug": "serie"})
    assert (response.status_code, response.json()["name"]) == (201, {"en": None, "fr": "Série", "ar": None})


def test_a_name_in_no_language_is_named_once(writer):
    response = post(writer, "series", {"name": {"en": "", "fr": None}, "slug": "serie"})
    assert (response.status_code, response.json()) == (
        400,
        {"name": ["Give it in at least one language (English, French, Arabic)."]},
    )


def test_an_unknown_language_is_named(writer):
    response = post(writer, "series", {"name": {"en": "Series", "de": "Reihe"}, "slug": "series"})
    assert response.json() == {"name": ["Unknown language de: use en, fr, ar."]}


def test_a_translated_field_must_be_an_object(writer):
    response = post(writer, "series", {"name": ["Series"], "slug": "series"})
    assert response.json() == {"name": ['Give an object keyed by language, e.g. {"en": "…", "fr": "…", "ar": "…"}.']}


def test_a_malformed_body_is_a_400(writer):
    response = writer.post("/api/v1/series/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_an_unknown_related_id_is_named(writer):
    response = post(writer, "rooms", {"meeting": 999999, "name": {"en": "Room"}})
    assert response.json() == {"meeting": ['Invalid pk "999999" - object does not exist.']}


def test_nested_roles_are_updated_added_and_removed(writer):
    session = SessionFactory()
    first, second = PersonFactory(), PersonFactory()
    created = writer.patch(
        f"/api/v1/sessions/{session.pk}/",
        {"roles": [{"person": first.pk, "role": "chair"}, {"person": second.pk, "role": "speaker"}]},
        format="json",
    ).json()["roles"]
    kept = created[1]
    updated = writer.patch(
        f"/api/v1/sessions/{session.pk}/",
        {"roles": [{"id": kept["id"], "person": second.pk, "role": "moderator"}]},
        format="json",
    ).json()["roles"]
    assert [(role["id"], role["person"], role["role"]) for role in updated] == [(kept["id"], second.pk, "moderator")]


def test_theme_topics_are_written_with_the_theme(writer, anonymous):
    response = post(
        writer,
        "themes",
        {
            "slug": "food-security",
            "name": {"en": "Food security", "fr": "Sécurité alimentaire"},
            "topics": [{"name": {"en": "Smallholders"}, "ordering": 1}, {"name": {"en": "Water"}, "ordering": 2}],
        },
    )
    assert response.status_code == 201, response.content
    theme = anonymous.get(f"/api/v1/themes/{response.json()['id']}/?lang=en").json()
    assert [topic["name"] for topic in theme["topics"]] == ["Smallholders", "Water"]


def test_commitment_updates_are_written_with_the_commitment(writer):
    lead = OrganizationFactory()
    response = post(
        writer,
        "commitments",
        {
            "title": {"en": "Regional food reserve"},
            "lead_organization": lead.pk,
            "status": "in_progress",
            "updates": [{"reported_on": "2025-01-15", "status": "in_progress", "note": {"en": "Site chosen."}}],
        },
    )
    assert response.status_code == 201, response.content
    assert [(u["reported_on"], u["note"]["en"]) for u in response.json()["updates"]] == [("2025-01-15", "Site chosen.")]


def test_a_commitment_update_without_meeting_or_date_is_refused_and_nothing_is_saved(writer):
    from agreements.models import Commitment

    response = post(
        writer,
        "commitments",
        {
            "title": {"en": "Undated"},
            "lead_organization": OrganizationFactory().pk,
            "updates": [{"status": "stalled"}],
        },
    )
    assert response.status_code == 400
    assert response.json() == {"updates": [{"reported_on": ["Give the meeting or the date of this update."]}]}
    assert Commitment.objects.count() == 0


def test_a_participant_with_someone_elses_position_is_refused(writer):
    from tests.factories import PositionFactory

    delegation = DelegationFactory()
    response = post(
        writer,
        "participants",
        {"delegation": delegation.pk, "person": PersonFactory().pk, "position": PositionFactory().pk},
    )
    assert response.json() == {"position": ["This position belongs to another person."]}
    assert Participant.objects.count() == 0


def test_the_history_of_a_record_written_with_a_key_names_the_key(writer, write_key):
    session = SessionFactory()
    writer.patch(f"/api/v1/sessions/{session.pk}/", {"title": {"fr": "Séance"}}, format="json")
    record = session.history.first()
    assert (record.history_change_reason, record.history_user, record.title_fr) == (
        f"API key cnv_{write_key.prefix}: {write_key.name}",
        None,
        "Séance",
    )


def test_a_refused_write_answers_in_each_clients_language_whatever_was_asked_before(writer):
    """Each serializer class builds its fields once per language (api/serializers/base.py): the messages of one
    language (a field's, a uniqueness check's) never reach a client asking in another."""
    PersonFactory(slug="taken")
    body = {"slug": "taken", "given_name": 12, "countries": ["ZZ"]}

    answers = [
        writer.post("/api/v1/people/", body, format="json", HTTP_ACCEPT_LANGUAGE=language)
        for language in ("en", "fr", "ar", "en", "fr", "ar")
    ]

    assert {answer.status_code for answer in answers} == {400}
    english, french, arabic = (answer.json() for answer in answers[:3])
    assert [answer.json() for answer in answers[3:]] == [english, french, arabic]
    assert set(english) == set(french) == set(arabic) >= {"slug", "given_name"}
    assert "already exists" in english["slug"][0]
    for name in english:
        assert len({english[name][0], french[name][0], arabic[name][0]}) == 3, name
