import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Meeting
from participants.models import Delegation, Organization, Participant, Position
from participants.services import (
    TransitionRefused,
    participant_assign_badge,
    participant_change_status,
    participant_create,
    participants_change_status,
)
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipantFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db
Status = Participant.Status


def test_participant_takes_the_meeting_of_its_delegation():
    delegation = DelegationFactory()

    participant = participant_create(delegation=delegation, person=PersonFactory())

    assert participant.meeting == delegation.meeting


def test_participant_same_person_twice_in_one_meeting_is_refused():
    meeting = MeetingFactory()
    first = ParticipantFactory(delegation=DelegationFactory(meeting=meeting))
    other_delegation = DelegationFactory(meeting=meeting)

    with pytest.raises(ValidationError) as refusal:
        participant_create(delegation=other_delegation, person=first.person)

    assert refusal.value.message_dict == {"person": ["This person already takes part in this meeting."]}
    assert list(Participant.objects.values_list("pk", flat=True)) == [first.pk]


def test_participant_same_person_twice_in_one_meeting_is_refused_by_the_database():
    meeting = MeetingFactory()
    first = ParticipantFactory(delegation=DelegationFactory(meeting=meeting))

    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(delegation=DelegationFactory(meeting=meeting), person=first.person)

    assert Participant.objects.count() == 1


def test_participant_same_person_in_two_meetings_is_allowed():
    first = ParticipantFactory()

    second = participant_create(delegation=DelegationFactory(), person=first.person)

    assert Participant.objects.filter(person=first.person).count() == 2
    assert second.meeting != first.meeting


def test_participant_duplicate_badge_number_in_a_meeting_is_refused():
    meeting = MeetingFactory()
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting), badge_number=7)
    duplicate = ParticipantFactory.build(delegation=DelegationFactory(meeting=meeting), person=PersonFactory())
    duplicate.badge_number = 7

    with pytest.raises(ValidationError) as refusal:
        duplicate.full_clean()

    assert refusal.value.message_dict == {"badge_number": ["This badge number is already used at this meeting."]}
    assert list(Participant.objects.values_list("badge_number", flat=True)) == [7]


def test_participant_duplicate_badge_number_is_refused_by_the_database():
    meeting = MeetingFactory()
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting), badge_number=7)

    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(delegation=DelegationFactory(meeting=meeting), badge_number=7)

    assert Participant.objects.count() == 1


def test_participant_same_badge_number_in_two_meetings_is_allowed():
    ParticipantFactory(badge_number=7)
    other = ParticipantFactory.build(delegation=DelegationFactory(), person=PersonFactory(), badge_number=7)

    other.full_clean()
    other.save()

    assert Participant.objects.filter(badge_number=7).count() == 2


def test_participant_position_of_another_person_is_refused():
    position = PositionFactory()
    participant = ParticipantFactory.build(delegation=DelegationFactory(), person=PersonFactory(), position=position)

    with pytest.raises(ValidationError) as refusal:
        participant.full_clean()

    assert refusal.value.message_dict == {"position": ["This position belongs to another person."]}


def test_participant_status_moves_along_the_allowed_transitions():
    participant = ParticipantFactory(status=Status.INVITED)
    visited = []

    for status in (Status.REGISTERED, Status.ACCREDITED, Status.ATTENDED):
        visited.append(participant_change_status(participant=participant, status=status).status)

    participant.refresh_from_db()
    assert visited == ["registered", "accredited", "attended"]
    assert participant.status == Status.ATTENDED
    assert participant.checked_in_at is not None


@pytest.mark.parametrize(
    ("current", "target", "message"),
    [
        ("invited", "attended", "cannot go from “invited” to “attended”."),
        ("invited", "accredited", "cannot go from “invited” to “accredited”."),
        ("attended", "cancelled", "cannot go from “attended” to “cancelled”."),
        ("cancelled", "accredited", "cannot go from “cancelled” to “accredited”."),
        ("declined", "attended", "cannot go from “declined” to “attended”."),
    ],
)
def test_participant_refused_transition_names_both_statuses_and_changes_nothing(current, target, message):
    participant = ParticipantFactory(status=current)

    with pytest.raises(TransitionRefused) as refusal:
        participant_change_status(participant=participant, status=target)

    assert refusal.value.messages == [f"{participant.person} {message}"]
    participant.refresh_from_db()
    assert (participant.status, participant.badge_number, participant.checked_in_at) == (current, None, None)


def test_participant_badge_number_is_given_on_accreditation_in_order():
    meeting = MeetingFactory()
    first, second = ParticipantFactory.create_batch(2, delegation=DelegationFactory(meeting=meeting))

    participant_change_status(participant=second, status=Status.ACCREDITED)
    participant_change_status(participant=first, status=Status.ACCREDITED)

    first.refresh_from_db()
    second.refresh_from_db()
    meeting.refresh_from_db()
    assert (second.badge_number, first.badge_number, meeting.last_badge_number) == (1, 2, 2)


def test_participant_badge_numbers_are_never_reused_after_cancellation_or_deletion():
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting)
    first, second, third = ParticipantFactory.create_batch(3, delegation=delegation)
    participant_change_status(participant=first, status=Status.ACCREDITED)
    participant_change_status(participant=second, status=Status.ACCREDITED)

    participant_change_status(participant=second, status=Status.CANCELLED)
    first.delete()
    participant_change_status(participant=third, status=Status.ACCREDITED)

    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.badge_number, third.badge_number) == (2, 3)


def test_participant_badge_is_kept_when_assigned_twice():
    participant = ParticipantFactory()
    participant_assign_badge(participant=participant)

    participant_assign_badge(participant=participant)

    participant.refresh_from_db()
    assert participant.badge_number == 1
    assert Meeting.objects.get(pk=participant.meeting_id).last_badge_number == 1


def test_participants_change_status_reports_the_refused_ones():
    registered = ParticipantFactory(status=Status.REGISTERED)
    invited = ParticipantFactory(status=Status.INVITED)

    changed, refused = participants_change_status(participants=[registered, invited], status=Status.ACCREDITED)

    assert [participant.pk for participant in changed] == [registered.pk]
    assert refused == [(invited, f"{invited.person} cannot go from “invited” to “accredited”.")]
    assert dict(Participant.objects.values_list("pk", "status")) == {
        registered.pk: "accredited",
        invited.pk: "invited",
    }


def test_position_ending_before_it_starts_is_refused_with_a_message():
    position = PositionFactory.build(
        person=PersonFactory(),
        organization=OrganizationFactory(),
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )

    with pytest.raises(ValidationError) as refusal:
        position.full_clean()

    assert refusal.value.message_dict == {"end_date": ["A position cannot end before it starts."]}
    assert Position.objects.count() == 0


def test_position_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionFactory(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 12, 31))

    assert Position.objects.count() == 0


def test_organization_cannot_be_its_own_ancestor():
    oic = OrganizationFactory()
    iofs = OrganizationFactory(parent=oic)
    oic.parent = iofs

    with pytest.raises(ValidationError) as refusal:
        oic.full_clean()

    assert refusal.value.message_dict == {"parent": ["An organization cannot be its own parent or ancestor."]}
    assert Organization.objects.get(pk=oic.pk).parent is None


def test_delegation_one_per_organization_per_meeting():
    delegation = DelegationFactory()
    duplicate = Delegation(meeting=delegation.meeting, organization=delegation.organization)

    with pytest.raises(ValidationError) as refusal:
        duplicate.full_clean()

    assert refusal.value.message_dict == {
        "organization": ["This organization already has a delegation at this meeting."]
    }
    assert Delegation.objects.count() == 1


def test_person_str_reads_like_a_protocol_name():
    person = PersonFactory(honorific_prefix_en="H.E. Amb. Mr.", given_name_en="Khalid", family_name_en="Khiari")

    assert str(person) == "H.E. Amb. Mr. Khalid Khiari"
