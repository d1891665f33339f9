"""Writes about delegations and participants. Each service validates (full_clean) and is atomic."""

import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

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


# Check-in tokens --------------------------------------------------------------------------------------------
# A token is "<meeting id>.<checkin_key hex>:<signature>": the key is random (UUID4), never the database id, and
# the signature (SECRET_KEY, own salt) makes tokens unforgeable. Rotating the key revokes every earlier token.
CHECKIN_TOKEN_SALT = "convene.participants.checkin"  # noqa: S105 - a signing salt, not a secret


class CheckinRefused(ValidationError):
    pass


def _checkin_signer():
    return signing.Signer(salt=CHECKIN_TOKEN_SALT)


def participant_checkin_token(*, participant: Participant) -> str:
    return _checkin_signer().sign(f"{participant.meeting_id}.{participant.checkin_key.hex}")


def participant_from_checkin_token(*, token: str, meeting: Meeting) -> Participant:
    """The participant a scanned or typed token stands for, at this meeting; CheckinRefused says why not."""
    token = (token or "").strip()
    if not token:
        raise CheckinRefused(_("Scan a badge or type its check-in code."), code="empty")
    try:
        value = _checkin_signer().unsign(token)
        meeting_id, key_hex = value.split(".", 1)
        meeting_id, key = int(meeting_id), uuid.UUID(hex=key_hex)
    except (signing.BadSignature, ValueError):
        raise CheckinRefused(
            _("This code is not a valid Convene badge: it may have been forged or mistyped."), code="forged"
        ) from None
    if meeting_id != meeting.pk:
        other = Meeting.objects.filter(pk=meeting_id).first()
        raise CheckinRefused(
            _("This badge is for another meeting (%(other)s), not for %(meeting)s.")
            % {"other": other or _("a deleted meeting"), "meeting": meeting},
            code="other_meeting",
        )
    participant = (
        Participant.objects.select_related("person", "delegation__organization", "position__organization", "meeting")
        .filter(meeting=meeting, checkin_key=key)
        .first()
    )
    if participant is None:
        raise CheckinRefused(
            _("This badge has been revoked (a new badge was issued since): ask for the current badge."),
            code="revoked",
        )
    return participant


@transaction.atomic
def participant_check_in(*, token: str, meeting: Meeting) -> Participant:
    """Mark the bearer of a badge attended; refused for a bad token or a participant not accredited."""
    participant = participant_from_checkin_token(token=token, meeting=meeting)
    if participant.status == Status.ATTENDED:
        return participant
    try:
        return participant_change_status(participant=participant, status=Status.ATTENDED)
    except TransitionRefused as error:
        raise CheckinRefused(error.messages, code="not_accredited") from None


@transaction.atomic
def participants_rotate_checkin_key(*, participants) -> list[Participant]:
    """Give each participant a new check-in key, revoking their printed badges; the badge must be reprinted."""
    rotated = []
    for participant in participants:
        participant.checkin_key = uuid.uuid4()
        participant.badge_printed_at = None
        participant.save(update_fields=["checkin_key", "badge_printed_at", "updated_at"])
        rotated.append(participant)
    return rotated


BADGE_STATUSES = (Status.ACCREDITED, Status.ATTENDED)


def participants_split_for_badges(*, participants):
    """(printable, refused): only accredited or attended participants have a badge number and get a badge."""
    printable, refused = [], []
    for participant in participants:
        if participant.status in BADGE_STATUSES and participant.badge_number is not None:
            printable.append(participant)
        else:
            refused.append(
                (
                    participant,
                    _("%(person)s is %(status)s, not accredited: no badge.")
                    % {"person": participant.person, "status": Status(participant.status).label},
                )
            )
    return printable, refused


@transaction.atomic
def participants_mark_badges_printed(*, participants, user=None) -> int:
    """Record when the badges were printed, with history, in a constant number of queries."""
    now = timezone.now()
    for participant in participants:
        participant.badge_printed_at = now
        participant.updated_at = now
    bulk_update_with_history(
        participants, Participant, ["badge_printed_at", "updated_at"], default_user=user, default_date=now
    )
    return len(participants)
