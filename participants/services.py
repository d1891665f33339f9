"""Writes about delegations and participants. Each service validates (full_clean) and is atomic."""

import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.services import record_delete, record_save
from meetings.models import Meeting
from participants.models import Delegation, Participant, Person, Position

Status = Participant.Status

# invited -> registered -> accredited -> attended, or declined / cancelled on the way.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.INVITED: {Status.REGISTERED, Status.DECLINED, Status.CANCELLED},
    Status.REGISTERED: {Status.ACCREDITED, Status.DECLINED, Status.CANCELLED},
    Status.ACCREDITED: {Status.ATTENDED, Status.CANCELLED},
    Status.ATTENDED: set(),
    Status.DECLINED: {Status.INVITED, Status.REGISTERED},
    Status.CANCELLED: {Status.INVITED},
}


class TransitionRefused(ValidationError):
    pass


# A participant starts as invited (the secretariat invites) or registered (someone registered without an invitation,
# as a registration list imported from a partner's form records); every later step needs the ones before it.
FIRST_STEPS = (Status.INVITED, Status.REGISTERED)
# Changed only by participant_change_status (and the badge counter), never typed.
WORKFLOW_FIELDS = ("status", "badge_number", "checked_in_at")


def _workflow_messages():
    return {
        "status": _("The status changes only through the workflow (register, accredit, check in, decline, cancel)."),
        "badge_number": _("Badge numbers are given in order at accreditation; they cannot be typed."),
        "checked_in_at": _("The check-in time is recorded when the badge is scanned at the desk."),
    }


def _refuse_workflow_values_on_creation(participant: Participant) -> None:
    errors = {}
    if participant.status not in FIRST_STEPS:
        errors["status"] = [
            _("A participant starts as “%(invited)s” or “%(registered)s”, then goes through the workflow.")
            % {"invited": Status.INVITED.label, "registered": Status.REGISTERED.label}
        ]
    for name in ("badge_number", "checked_in_at"):
        if getattr(participant, name) is not None:
            errors[name] = [_workflow_messages()[name]]
    if errors:
        raise ValidationError(errors, code="workflow")


@transaction.atomic
def participant_create(*, delegation: Delegation, person: Person, **fields) -> Participant:
    participant = Participant(delegation=delegation, person=person, meeting_id=delegation.meeting_id, **fields)
    _refuse_workflow_values_on_creation(participant)
    return record_save(record=participant)


@transaction.atomic
def participant_save(*, participant: Participant, status: str | None = None) -> Participant:
    """Create or update a participant from any door; the workflow fields change only through the transitions.

    A new participant starts at a first step; on an update, a workflow field the caller changed is refused, and
    one it did not change keeps the value the database holds now (a transition may have run since it was read).
    ``status``, when given, then moves the participant through participant_change_status.
    """
    if participant.pk is None:
        _refuse_workflow_values_on_creation(participant)
        record_save(record=participant)
    else:
        current = Participant.objects.select_for_update().get(pk=participant.pk)
        loaded = getattr(participant, "_loaded_values", None)
        errors = {}
        for name in WORKFLOW_FIELDS:
            read = loaded[name] if loaded and name in loaded else getattr(current, name)
            if getattr(participant, name) != read:
                errors[name] = [_workflow_messages()[name]]
            setattr(participant, name, getattr(current, name))
            if loaded is not None:
                loaded[name] = getattr(current, name)
        if errors:
            raise ValidationError(errors, code="workflow")
        record_save(record=participant)
    if status is not None and status != participant.status:
        participant = participant_change_status(participant=participant, status=status)
    return participant


@transaction.atomic
def participant_delete(*, participant: Participant) -> None:
    """Delete a participation; its badge number is not given again (the counter never goes back)."""
    record_delete(record=participant)


def _give_next_badge_number(participant: Participant) -> None:
    """Called with the participant's row locked: lock the meeting's counter and take the next number."""
    meeting = Meeting.objects.select_for_update().only("id", "last_badge_number").get(pk=participant.meeting_id)
    # Numbers typed before the workflow was enforced may lie beyond the counter: never collide with them.
    highest = Participant.objects.filter(meeting_id=meeting.pk).aggregate(highest=Max("badge_number"))["highest"]
    number = max(meeting.last_badge_number, highest or 0) + 1
    Meeting.objects.filter(pk=meeting.pk).update(last_badge_number=number)
    participant.badge_number = number
    participant.save(update_fields=["badge_number", "updated_at"])


@transaction.atomic
def participant_assign_badge(*, participant: Participant) -> Participant:
    """Give the next badge number of the meeting; numbers are never reused, even after a cancellation."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if locked.badge_number is None:
        _give_next_badge_number(locked)
    participant.badge_number, participant.updated_at = locked.badge_number, locked.updated_at
    return participant


@transaction.atomic
def participant_change_status(*, participant: Participant, status: str) -> Participant:
    """Move a participant one step of the workflow, its row locked so that two officers cannot both move it."""
    given = participant
    participant = Participant.objects.select_for_update(of=("self",)).select_related("person").get(pk=given.pk)
    # What the caller wants the history to say (an API key's name, an officer) goes with the locked copy.
    for attribute in ("_change_reason", "_history_user"):
        if hasattr(given, attribute):
            setattr(participant, attribute, getattr(given, attribute))
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
    participant.save(update_fields=["status", "checked_in_at", "updated_at"])
    if status == Status.ACCREDITED and participant.badge_number is None:
        _give_next_badge_number(participant)
    return participant


def participants_change_status(*, participants, status: str):
    """Move many participants; returns (changed, refused) where refused lists (participant, reason)."""
    changed, refused = [], []
    for participant in participants:
        try:
            changed.append(participant_change_status(participant=participant, status=status))
        except ValidationError as error:
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


# Privacy: contact details erased after the meetings' retention, and a person erased on request. A person's past
# versions (django-simple-history) held the same values: they are erased there too, and the erasure itself is the
# change that history records (who, when, why).
CONTACT_DETAILS = ("email", "phone")
# Fields that identify a person, in every language; a person erased keeps only an id and anonymous participations.
IDENTIFYING_PREFIXES = ("honorific_prefix", "given_name", "family_name", "biography")


def people_past_contact_retention(*, today):
    """People with an email or phone whose every meeting has ended more than its retention period before `today`."""
    meetings = Meeting.objects.only("pk", "end_date", "contact_retention_days")
    expired = [meeting.pk for meeting in meetings if not meeting.keeps_contacts_on(today)]
    return (
        Person.objects.filter(participations__meeting__in=expired)
        .exclude(participations__meeting__in=Meeting.objects.exclude(pk__in=expired))
        .exclude(email="", phone="")
        .distinct()
        .order_by("pk")
    )


def _erase_from_history(person: Person, fields) -> None:
    Person.history.filter(id=person.pk).update(**dict.fromkeys(fields, ""))


@transaction.atomic
def person_erase_contact_details(*, person: Person, reason: str) -> Person:
    for name in CONTACT_DETAILS:
        setattr(person, name, "")
    person._change_reason = reason
    record_save(record=person)
    _erase_from_history(person, CONTACT_DETAILS)
    return person


@transaction.atomic
def person_erase(*, person: Person, reason: str) -> Person:
    """Erase what identifies the person; participations stay, anonymous, so that counts and badges still add up."""
    photo = person.photo.name
    for position in person.positions.all():
        record_delete(record=position)
    Position.history.filter(person_id=person.pk).delete()
    Person.history.filter(id=person.pk).delete()
    for field in Person._meta.concrete_fields:
        if field.name.startswith(IDENTIFYING_PREFIXES):
            setattr(person, field.attname, None if field.null else "")
    person.given_name_en, person.family_name_en = "Erased", f"#{person.pk}"
    person.slug = f"erased-{person.pk}"
    person.nationality = ""
    person.photo = ""
    person.email = person.phone = person.notes = ""
    person.listed_publicly = False
    person._change_reason = reason
    record_save(record=person, only_changed=False)
    if photo:
        transaction.on_commit(lambda: person.photo.storage.delete(photo))
    return person


@transaction.atomic
def person_record_export(*, person: Person, reason: str) -> None:
    """History records that everything about the person was handed out (a version with no change but the reason)."""
    person._change_reason = reason
    record_save(record=person, only_changed=False)
