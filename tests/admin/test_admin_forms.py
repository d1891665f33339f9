"""Admin forms refuse bad input on the form, in the officer's language, and save nothing."""

import datetime
import zoneinfo

import pytest

from agreements.models import Instrument, Party
from meetings.models import Meeting
from participants.models import Participant
from sessions.models import Session
from tests.admin.forms import post_data_from
from tests.factories import MeetingFactory, OrganizationFactory, ParticipantFactory, RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db
ASTANA = zoneinfo.ZoneInfo("Asia/Almaty")


def session_form(meeting, room, *, starts, ends, slug):
    """The add form of a session, times typed in the meeting's local time as the admin shows them."""
    return {
        "meeting": meeting.pk,
        "title_en": "Side meeting on food security",
        "title_fr": "Réunion parallèle sur la sécurité alimentaire",
        "slug": slug,
        "starts_at_0": "2024-07-22",
        "starts_at_1": starts,
        "ends_at_0": "2024-07-22",
        "ends_at_1": ends,
        "room": room.pk,
        "is_public": "on",
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
    }


def test_admin_session_overlapping_in_a_room_shows_the_error_in_french_and_saves_nothing(secretariat_client):
    meeting = MeetingFactory(start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 23))
    room = RoomFactory(meeting=meeting, name_en="Conference Room A", name_fr="Salle de conférence A")
    SessionFactory(
        meeting=meeting,
        room=room,
        title_en="Opening ceremony",
        title_fr="Cérémonie d'ouverture",
        starts_at=datetime.datetime(2024, 7, 22, 10, tzinfo=ASTANA),
        ends_at=datetime.datetime(2024, 7, 22, 11, 30, tzinfo=ASTANA),
    )

    response = secretariat_client.post(
        "/admin/working_sessions/session/add/",
        session_form(meeting, room, starts="11:00", ends="12:00", slug="side-meeting"),
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 200
    expected = "Salle de conférence A est déjà occupée à ce moment-là par «\u00a0Cérémonie d'ouverture\u00a0»."
    assert response.context["adminform"].form.errors == {"room": [expected]}
    assert expected.replace("'", "&#x27;") in response.content.decode()
    assert list(Session.objects.values_list("title_en", flat=True)) == ["Opening ceremony"]


def test_admin_session_times_are_typed_in_the_meetings_time_zone(secretariat_client):
    meeting = MeetingFactory(start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 23))
    room = RoomFactory(meeting=meeting)

    response = secretariat_client.post(
        "/admin/working_sessions/session/add/",
        session_form(meeting, room, starts="10:00", ends="11:30", slug="side-meeting"),
    )

    assert response.status_code == 302
    session = Session.objects.get(slug="side-meeting")
    assert session.starts_at == datetime.datetime(2024, 7, 22, 5, tzinfo=datetime.UTC)


def instrument_form(*organizations, status=Instrument.Status.SIGNED):
    data = {
        "kind": Instrument.Kind.LETTER_OF_INTENT,
        "title_en": "Letter of Intent between IOFS and FAO",
        "slug": "iofs-fao-letter-of-intent",
        "status": status,
        "signed_on": "2024-07-22",
        "place_of_signature_en": "Astana",
        "countries": ["KZ", "TJ"],
        "parties-TOTAL_FORMS": str(len(organizations)),
        "parties-INITIAL_FORMS": "0",
        "signatures-TOTAL_FORMS": "0",
        "signatures-INITIAL_FORMS": "0",
    }
    for index, organization in enumerate(organizations):
        data.update({f"parties-{index}-organization": organization.pk, f"parties-{index}-role": "party"})
        data[f"parties-{index}-order"] = str(index)
    return data


def test_admin_instrument_signed_with_one_party_is_refused_by_the_party_formset(secretariat_client):
    response = secretariat_client.post("/admin/agreements/instrument/add/", instrument_form(OrganizationFactory()))

    assert response.status_code == 200
    party_formset = next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.model is Party
    )
    assert party_formset.non_form_errors() == ["An instrument needs at least two parties before it is signed."]
    assert (Instrument.objects.count(), Party.objects.count()) == (0, 0)


def test_admin_instrument_signed_with_one_party_is_refused_in_french(secretariat_client):
    response = secretariat_client.post(
        "/admin/agreements/instrument/add/", instrument_form(OrganizationFactory()), HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert "Un instrument doit compter au moins deux parties avant d&#x27;être signé." in response.content.decode()
    assert Instrument.objects.count() == 0


def test_admin_instrument_signed_with_two_parties_is_saved(secretariat_client):
    iofs, fao = OrganizationFactory(acronym_en="IOFS"), OrganizationFactory(acronym_en="FAO")

    response = secretariat_client.post("/admin/agreements/instrument/add/", instrument_form(iofs, fao))

    assert response.status_code == 302
    instrument = Instrument.objects.get()
    assert (instrument.status, [str(party) for party in instrument.parties.all()]) == ("signed", ["IOFS", "FAO"])


def test_admin_meeting_change_form_saves_a_french_title(secretariat_client, demo):
    meeting = Meeting.objects.get(slug="16th-un-oic-general-meeting-astana-2024")
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    page = secretariat_client.get(url)

    response = secretariat_client.post(url, post_data_from(page, title_fr="16e Réunion générale ONU-OCI"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert (meeting.title_fr, meeting.title_en) == (
        "16e Réunion générale ONU-OCI",
        "16th Biennial General Meeting of the United Nations and the Organisation of Islamic Cooperation",
    )
    assert meeting.delegations.count() == 6
    assert meeting.rooms.count() == 3


def test_admin_meeting_ending_before_it_starts_is_refused_on_the_form(secretariat_client, demo):
    meeting = Meeting.objects.get(slug="16th-un-oic-general-meeting-astana-2024")
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    page = secretariat_client.get(url)

    response = secretariat_client.post(url, post_data_from(page, end_date="2024-07-21"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"end_date": ["The meeting cannot end before it starts."]}
    meeting.refresh_from_db()
    assert meeting.end_date == datetime.date(2024, 7, 23)


def test_admin_participant_status_jump_on_the_change_form_is_refused(secretariat_client):
    participant = ParticipantFactory(status=Participant.Status.INVITED)
    url = f"/admin/participants/participant/{participant.pk}/change/"
    page = secretariat_client.get(url)

    response = secretariat_client.post(url, post_data_from(page, status="attended"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "status": ["A participant cannot go from “invited” to “attended”."]
    }
    participant.refresh_from_db()
    assert (participant.status, participant.badge_number, participant.checked_in_at) == ("invited", None, None)


def test_admin_participant_accredited_on_the_change_form_gets_the_next_badge(secretariat_client):
    participant = ParticipantFactory(status=Participant.Status.REGISTERED)
    url = f"/admin/participants/participant/{participant.pk}/change/"
    page = secretariat_client.get(url)

    response = secretariat_client.post(url, post_data_from(page, status="accredited"))

    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.status, participant.badge_number) == ("accredited", 1)


def test_admin_participant_accredited_in_the_delegation_inline_gets_a_badge(secretariat_client):
    participant = ParticipantFactory(status=Participant.Status.REGISTERED)
    url = f"/admin/participants/delegation/{participant.delegation_id}/change/"
    page = secretariat_client.get(url)

    response = secretariat_client.post(url, post_data_from(page, **{"participants-0-status": "accredited"}))

    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.status, participant.badge_number) == ("accredited", 1)


def test_admin_participant_status_jump_in_the_delegation_inline_is_refused(secretariat_client):
    participant = ParticipantFactory(status=Participant.Status.INVITED)
    url = f"/admin/participants/delegation/{participant.delegation_id}/change/"
    page = secretariat_client.get(url)

    response = secretariat_client.post(url, post_data_from(page, **{"participants-0-status": "attended"}))

    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.status == "invited"


def test_admin_session_takes_a_french_only_title_and_refuses_none_with_one_message(secretariat_client):
    meeting = MeetingFactory(start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 23))
    room = RoomFactory(meeting=meeting)
    form = session_form(meeting, room, starts="10:00", ends="11:00", slug="atelier")

    refused = secretariat_client.post(
        "/admin/working_sessions/session/add/", {**form, "title_en": "", "title_fr": ""}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    accepted = secretariat_client.post("/admin/working_sessions/session/add/", {**form, "title_en": ""})

    message = "Indiquez-le dans au moins une langue (Anglais, Français, Arabe)."
    assert list(refused.context["adminform"].form.errors) == ["title_en"]
    assert refused.content.decode().count(message) == 1
    assert accepted.status_code == 302
    assert Session.objects.get(slug="atelier").title_fr == "Réunion parallèle sur la sécurité alimentaire"


def test_admin_new_meeting_starts_with_the_un_session_types(secretariat_client):
    response = secretariat_client.get("/admin/meetings/meeting/add/")
    data = post_data_from(response)
    data.update(
        {
            "title_en": "17th General Meeting",
            "slug": "17th-general-meeting",
            "start_date": "2026-07-20",
            "end_date": "2026-07-21",
            "timezone": "Asia/Almaty",
            "city_en": "Istanbul",
            "country": "TR",
            "status": "draft",
            "kind": "general_meeting",
            "session_types-0-code": "plenary",
            "session_types-0-name_en": "Plenary sitting",
            "session_types-0-colour": "#000000",
            "session_types-0-ordering": "1",
            "session_types-TOTAL_FORMS": "1",
        }
    )

    saved = secretariat_client.post("/admin/meetings/meeting/add/", data)

    assert saved.status_code == 302
    meeting = Meeting.objects.get(slug="17th-general-meeting")
    types = dict(meeting.session_types.values_list("code", "name_en"))
    assert len(types) == 7
    assert (types["plenary"], types["break"]) == ("Plenary sitting", "Break")
