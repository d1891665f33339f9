"""Writes about delegations and participants. Each service validates (full_clean) and is atomic."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting
from participants.models import Delegation, Participant, Person

Status = Participant.Status

# invited -> registered -> accredited -> attended, or declined / cancelled on the way.
ALLOWED_TRANSITIONS = {
    Status.INVITED: {Status.REGISTERED, Status.DECLINED, Status.CANCELLED},
    Status.REGISTERED: {Status.ACCREDITED, Status.DECLINED, Status.CANCELLED},
    Status.ACCREDITED: {Status.ATTENDED, Status.CANCELLED},
    Status.ATTENDED: set(),
    Status.DECLINED: {Status.INVITED, Status.REGISTERED},
    Status.CANCELLED: {Status.INVITED},
}


class TransitionRefused(ValidationError):
    pass


def participant_create(*, delegation: Delegation, person: Person, **fields) -> Participant:
    participant = Participant(delegation=delegation, person=person, meeting_id=delegation.meeting_id, **fields)
    participant.full_clean()
    participant.save()
    return participant


def participant_assign_badge(*, participant: Participant) -> Participant:
    """Give the next badge number of the meeting; numbers are never reused, even after a cancellation."""
    if participant.badge_number is not None:
        return participant
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().only("id", "last_badge_number").get(pk=participant.meeting_id)
        meeting.last_badge_number += 1
        Meeting.objects.filter(pk=meeting.pk).update(last_badge_number=meeting.last_badge_number)
        participant.badge_number = meeting.last_badge_number
        participant.save(update_fields=["badge_number", "updated_at"])
    return participant


@transaction.atomic
def participant_change_status(*, participant: Participant, status: str) -> Participant:
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if status == participant.status:
        return participant
    if status not in ALLOWED_TRANSITIONS[participant.status]:
        raise TransitionRefused(
            _("%(person)s cannot go from “%(current)s” to “%(target)s”.")
            % {
                "person": participant.person,
                "current": Status(participant.status).label,
                "target": Status(status).label,
            },
            code="transition",
        )
    participant.status = status
    if status == Status.ATTENDED and participant.checked_in_at is None:
        participant.checked_in_at = timezone.now()
    participant.save()
    if status == Status.ACCREDITED:
        participant_assign_badge(participant=participant)
    return participant


def participants_change_status(*, participants, status: str):
    """Move many participants; returns (changed, refused) where refused lists (participant, reason)."""
    changed, refused = [], []
    for participant in participants:
        try:
            changed.append(participant_change_status(participant=participant, status=status))
        except TransitionRefused as error:
            refused.append((participant, " ".join(error.messages)))
    return changed, refused
