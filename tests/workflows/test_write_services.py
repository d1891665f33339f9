"""Every door writes through the same services: the participant workflow cannot be skipped, typed badge numbers
are refused, integrity errors become field errors, and a save writes only the fields it changed."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from core.services import record_save
from meetings.models import Meeting
from participants.models import Delegation, Participant
from participants.services import participant_change_status, participant_create, participant_save
from sessions.models import Session
from tests.factories import (
    ApiKeyFactory,
    DelegationFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
Status = Participant.Status


@pytest.fixture
def writer():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiKeyFactory(scopes=['read', 'read:private', 'write']).secret}")
    return client


def test_api_post_participant_attended_with_badge_is_refused_naming_status(writer):
    delegation = DelegationFactory()
    person = PersonFactory()

    response = writer.post(
        "/api/v1/participants/",
        {"delegation": delegation.pk, "person": person.pk, "status": "attended", "badge_number": 5},
        format="json",
    )

    assert response.status_code == 400
    assert "status" in response.json()
    assert Participant.objects.count() == 0
    assert Meeting.objects.get(pk=delegation.meeting_id).last_badge_number == 0


def test_api_patch_badge_number_leaves_the_counter_intact_and_the_next_accreditation_works(writer):
    meeting = MeetingFactory()
    typed = ParticipantFactory(delegation=DelegationFactory(meeting=meeting), status=Status.REGISTERED)
    waiting = ParticipantFactory(delegation=DelegationFactory(meeting=meeting), status=Status.REGISTERED)

    response = writer.patch(f"/api/v1/participants/{typed.pk}/", {"badge_number": 1}, format="json")

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert list(response.json()) == ["badge_number"]
    typed.refresh_from_db()
    assert (typed.badge_number, Meeting.objects.get(pk=meeting.pk).last_badge_number) == (None, 0)
    accredited = participant_change_status(participant=waiting, status=Status.ACCREDITED)
    assert (accredited.status, accredited.badge_number) == (Status.ACCREDITED, 1)


def test_participant_create_refuses_every_status_but_the_first_steps():
    delegation = DelegationFactory()
    refused = {}
    for status in Status.values:
        try:
            participant_create(delegation=delegation, person=PersonFactory(), status=status)
        except ValidationError as error:
            refused[status] = list(error.message_dict)

    assert refused == {
        "accredited": ["status"],
        "attended": ["status"],
        "declined": ["status"],
        "cancelled": ["status"],
    }
    assert sorted(Participant.objects.values_list("status", flat=True)) == ["invited", "registered"]


def test_participant_save_refuses_a_typed_badge_number_and_check_in_time():
    participant = ParticipantFactory(status=Status.REGISTERED)
    participant.badge_number = 7
    participant.checked_in_at = participant.created_at

    with pytest.raises(ValidationError) as refusal:
        participant_save(participant=participant)

    assert sorted(refusal.value.message_dict) == ["badge_number", "checked_in_at"]
    participant.refresh_from_db()
    assert (participant.badge_number, participant.checked_in_at) == (None, None)


def test_participant_save_on_a_copy_read_before_a_transition_keeps_the_transition():
    participant = ParticipantFactory(status=Status.REGISTERED)
    stale = Participant.objects.get(pk=participant.pk)
    participant_change_status(participant=participant, status=Status.ACCREDITED)

    stale.notes = "Vegetarian meals"
    participant_save(participant=stale)

    saved = Participant.objects.get(pk=participant.pk)
    assert (saved.status, saved.badge_number, saved.notes) == (Status.ACCREDITED, 1, "Vegetarian meals")


def test_participant_save_with_a_status_goes_through_the_transition():
    participant = ParticipantFactory(status=Status.INVITED)

    with pytest.raises(ValidationError):
        participant_save(participant=participant, status=Status.ATTENDED)
    registered = participant_save(participant=participant, status=Status.REGISTERED)

    assert registered.status == Status.REGISTERED


def test_accreditation_skips_badge_numbers_typed_before_the_workflow_was_enforced():
    meeting = MeetingFactory()
    legacy = ParticipantFactory(delegation=DelegationFactory(meeting=meeting))
    Participant.objects.filter(pk=legacy.pk).update(status=Status.ATTENDED, badge_number=1)
    first = ParticipantFactory(delegation=DelegationFactory(meeting=meeting))
    second = ParticipantFactory(delegation=DelegationFactory(meeting=meeting))

    numbers = [
        participant_change_status(participant=participant, status=Status.ACCREDITED).badge_number
        for participant in (first, second)
    ]

    assert numbers == [2, 3]
    assert Meeting.objects.get(pk=meeting.pk).last_badge_number == 3


def test_a_database_refusal_becomes_an_error_on_the_field():
    delegation = DelegationFactory()
    duplicate = Delegation(meeting=delegation.meeting, organization=delegation.organization)

    # Validation skipped for that field, as when another writer saved the same row a moment earlier.
    with pytest.raises(ValidationError) as refusal:
        record_save(record=duplicate, exclude=["organization"])

    assert refusal.value.message_dict == {
        "organization": ["This organization already has a delegation at this meeting."]
    }
    assert Delegation.objects.count() == 1


def test_record_save_writes_only_the_fields_changed_since_the_record_was_read():
    session = SessionFactory(title_en="Opening", description_en="")
    first, second = Session.objects.get(pk=session.pk), Session.objects.get(pk=session.pk)

    first.title_en = "Opening ceremony"
    record_save(record=first)
    second.description_en = "Welcome by the host country."
    record_save(record=second)

    session.refresh_from_db()
    assert (session.title_en, session.description_en) == ("Opening ceremony", "Welcome by the host country.")
    assert session.sequence == 2


def test_a_transition_keeps_the_change_reason_given_by_the_caller():
    participant = ParticipantFactory(status=Status.REGISTERED)
    participant._change_reason = "API key cnv_abc: Partner"

    participant_change_status(participant=participant, status=Status.ACCREDITED)

    latest = Participant.history.filter(id=participant.pk).order_by("-history_id").first()
    assert (latest.status, latest.history_change_reason) == (Status.ACCREDITED, "API key cnv_abc: Partner")
