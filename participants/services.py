"""Writes about delegations and participants. Each service validates (full_clean) and is atomic."""

import datetime
import hmac
import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.services import (
    changed_fields,
    record_clean_without_lookups,
    record_delete,
    record_save,
    remember_loaded_values,
)
from core.versions import SITE, bump
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


def participant_build(*, delegation: Delegation, person: Person, **fields) -> Participant:
    """A new participant, not saved: participant_create saves it, an import writes it in bulk."""
    return Participant(delegation=delegation, person=person, meeting_id=delegation.meeting_id, **fields)


@transaction.atomic
def participant_create(*, delegation: Delegation, person: Person, **fields) -> Participant:
    participant = participant_build(delegation=delegation, person=person, **fields)
    _refuse_workflow_values_on_creation(participant)
    return record_save(record=participant)


# Bulk writes (the import of a participants list) ------------------------------------------------------------
# The same rules as the services above, for records written many at a time: each record is checked on its own
# (so that an error names its row) by record_check_for_bulk, then a whole chunk is written with bulk queries, its
# history with django-simple-history's bulk helpers and one content version bump per chunk.
BULK_BATCH_SIZE = 500


def record_check_for_bulk(record) -> None:
    """What record_save validates, without its per-record queries: field values and the model's clean(), and for a
    new participant the workflow's first steps. Foreign keys, unique values and multi-column constraints are the
    caller's to guarantee (the import finds existing records in maps it loaded once); the database's constraints
    remain the last word. Raises ValidationError."""
    if isinstance(record, Participant) and record.pk is None:
        _refuse_workflow_values_on_creation(record)
    record_clean_without_lookups(record=record)


def _sync_foreign_keys(record) -> None:
    """Copy into `<field>_id` the key of a related record created in bulk after it was assigned."""
    for field in record._meta.concrete_fields:
        if field.is_relation and field.is_cached(record):
            related = field.get_cached_value(record)
            if related is not None and getattr(record, field.attname) != related.pk:
                setattr(record, field.attname, related.pk)  # which forgets the related record: keep it
                field.set_cached_value(record, related)


def _lock_workflow_fields(participants) -> None:
    """As participant_save: the participants' rows locked, a workflow field changed by the caller refused, the
    others kept as the database holds them now (a transition may have run since they were read)."""
    current = {
        row["pk"]: row
        for row in Participant.objects.select_for_update()
        .filter(pk__in=[participant.pk for participant in participants])
        .values("pk", *WORKFLOW_FIELDS)
    }
    for participant in participants:
        loaded = getattr(participant, "_loaded_values", {})
        errors = {}
        for name in WORKFLOW_FIELDS:
            if name in loaded and getattr(participant, name) != loaded[name]:
                errors[name] = [_workflow_messages()[name]]
            setattr(participant, name, current[participant.pk][name])
            loaded[name] = current[participant.pk][name]
        if errors:
            raise ValidationError(errors, code="workflow")


def _write_in_bulk(model, records, *, now, change_reason=None) -> bool:
    """Create the new records, update the changed ones (only their changed fields), with history; True if any."""
    for record in records:
        _sync_foreign_keys(record)
        if isinstance(record, Person):
            record.fill_sort_name()
        if isinstance(record, Participant) and record.delegation_id:
            record.meeting_id = record.delegation.meeting_id
    new = [record for record in records if record.pk is None]
    changed_by_fields: dict[tuple, list] = {}
    for record in records:
        if record.pk is None:
            continue
        fields = changed_fields(record)
        if fields is None:  # read without its values: every field is written
            fields = [field.name for field in model._meta.concrete_fields if not field.primary_key]
        names = tuple(sorted(set(fields) - {"updated_at"}))
        if names:
            changed_by_fields.setdefault(names, []).append(record)
    if model is Participant:
        _lock_workflow_fields([record for group in changed_by_fields.values() for record in group])
    if new:
        bulk_create_with_history(
            new, model, batch_size=BULK_BATCH_SIZE, default_change_reason=change_reason, default_date=now
        )
    for names, group in changed_by_fields.items():
        fields = [*names, "updated_at"]
        if model is Person and "sort_name" not in fields:
            fields.append("sort_name")
        for record in group:
            record.updated_at = now
        bulk_update_with_history(
            group, model, fields, batch_size=BULK_BATCH_SIZE, default_change_reason=change_reason, default_date=now
        )
    for record in records:
        remember_loaded_values(record)
    return bool(new or changed_by_fields)


@transaction.atomic
def records_write_in_bulk(
    *, meeting: Meeting, people=(), positions=(), delegations=(), participants=(), change_reason=None
) -> None:
    """Write a chunk of an import: new and changed people, positions, delegations of `meeting` and its
    participants, each already checked with record_check_for_bulk; a few queries per model whatever their number,
    one history row per record, one content version bump for the chunk."""
    now = timezone.now()
    scopes = set()
    for model, records, scope in (
        (Person, people, SITE),
        (Position, positions, SITE),
        (Delegation, delegations, meeting.pk),
        (Participant, participants, meeting.pk),
    ):
        if records and _write_in_bulk(model, list(records), now=now, change_reason=change_reason):
            scopes.add(scope)
    bump(scopes)


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
def participant_change_status(
    *, participant: Participant, status: str, checked_in_at: datetime.datetime | None = None
) -> Participant:
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
        participant.checked_in_at = checked_in_at or timezone.now()
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


# The short code printed under the QR code, typed at the desk when there is no camera: 7 characters of an HMAC of
# the same secret as the token (so rotating the key revokes both), in Crockford's base 32 (no I, L, O, U), then a
# check character that catches any single mistyped character or swap of two neighbours: Damm's algorithm over the
# quasigroup x∘y = 2·x + y of the field GF(32) (polynomial x⁵ + x² + 1), which is totally anti-symmetric, so no
# swap of neighbours goes unnoticed (Luhn mod 32, used before, let “0Z” ↔ “Z0” through).
CHECKIN_CODE_SALT = "convene.participants.checkin-code"
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
_CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})
# A check-in queued by a phone that lost the network keeps the time it was scanned, if it is this recent.
QUEUED_CHECKIN_MAX_AGE = datetime.timedelta(days=2)


def _times_two(value: int) -> int:
    """2·value in GF(32), modulo x⁵ + x² + 1."""
    doubled = value << 1
    return doubled ^ 0b100101 if doubled & 0b100000 else doubled


def _code_interim(characters: str) -> int:
    interim = 0
    for character in characters:
        interim = _times_two(interim) ^ CODE_ALPHABET.index(character)
    return interim


def _code_check_character(body: str) -> str:
    """The character that brings Damm's interim value of the whole code to zero."""
    return CODE_ALPHABET[_times_two(_code_interim(body))]


def _code_body(*, meeting_id: int, checkin_key: uuid.UUID) -> str:
    digest = salted_hmac(CHECKIN_CODE_SALT, f"{meeting_id}.{checkin_key.hex}", algorithm="sha256").digest()
    number = int.from_bytes(digest[:8], "big")
    return "".join(CODE_ALPHABET[(number >> (5 * index)) % 32] for index in range(CODE_LENGTH - 1))


def participant_checkin_code(*, participant: Participant) -> str:
    """The badge's short code, as printed: “7KQ2-M9XD” (the hyphen and the case do not matter when typed)."""
    body = _code_body(meeting_id=participant.meeting_id, checkin_key=participant.checkin_key)
    code = body + _code_check_character(body)
    return f"{code[:4]}-{code[4:]}"


def normalise_checkin_code(text: str) -> str | None:
    """The code's eight characters if ``text`` has the shape of a short code (whatever its check), else None."""
    candidate = (text or "").strip().upper().translate(_CODE_LOOKALIKES)
    if len(candidate) == CODE_LENGTH and all(character in CODE_ALPHABET for character in candidate):
        return candidate
    return None


def checkin_code_is_well_formed(code: str) -> bool:
    return _code_interim(code) == 0


def _participant_for_desk(meeting: Meeting, **lookup):
    return (
        Participant.objects.select_related("person", "delegation__organization", "position__organization", "meeting")
        .filter(meeting=meeting, **lookup)
        .first()
    )


def participant_from_checkin_code(*, code: str, meeting: Meeting) -> Participant:
    """The participant whose badge, at this meeting, carries this short code; CheckinRefused says why not."""
    normalised = normalise_checkin_code(code)
    if normalised is None or not checkin_code_is_well_formed(normalised):
        raise CheckinRefused(
            _("“%(code)s” is not a check-in code: a character is mistyped (the last one is a check character).")
            % {"code": code},
            code="mistyped",
        )
    body = normalised[:-1]
    # The code is one-way: compare it with every badge of the meeting (one query, a hash per participant).
    for participant_id, key in Participant.objects.filter(meeting=meeting).values_list("pk", "checkin_key"):
        if hmac.compare_digest(_code_body(meeting_id=meeting.pk, checkin_key=key), body):
            return _participant_for_desk(meeting, pk=participant_id)
    raise CheckinRefused(
        _(
            "No badge of %(meeting)s carries the code “%(code)s”: the badge may be for another meeting, or revoked "
            "(a new badge was issued since)."
        )
        % {"code": code, "meeting": meeting},
        code="unknown_code",
    )


def participant_from_checkin_token(*, token: str, meeting: Meeting) -> Participant:
    """The participant a scanned token or typed short code stands for, at this meeting; CheckinRefused says why not."""
    token = (token or "").strip()
    if not token:
        raise CheckinRefused(_("Scan a badge or type its check-in code."), code="empty")
    if normalise_checkin_code(token) is not None:
        return participant_from_checkin_code(code=token, meeting=meeting)
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
    participant = _participant_for_desk(meeting, checkin_key=key)
    if participant is None:
        raise CheckinRefused(
            _("This badge has been revoked (a new badge was issued since): ask for the current badge."),
            code="revoked",
        )
    return participant


@transaction.atomic
def participant_check_in(*, token: str, meeting: Meeting, scanned_at: datetime.datetime | None = None) -> Participant:
    """Mark the bearer of a badge (token or short code) attended; refused for a bad code or one not accredited.

    ``scanned_at``: when a phone that lost the network scanned the badge; kept if recent, else the time now.
    """
    participant = participant_from_checkin_token(token=token, meeting=meeting)
    if participant.status == Status.ATTENDED:
        return participant
    now = timezone.now()
    if scanned_at is not None and not (now - QUEUED_CHECKIN_MAX_AGE <= scanned_at <= now):
        scanned_at = None
    try:
        return participant_change_status(participant=participant, status=Status.ATTENDED, checked_in_at=scanned_at)
    except TransitionRefused as error:
        raise CheckinRefused(" ".join(error.messages), code="not_accredited") from None


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


@transaction.atomic
def people_set_listed_publicly(*, people, listed: bool) -> list[Person]:
    """Record the people's consent to be listed publicly (or its withdrawal), one history row each; returns the
    people whose consent changed."""
    changed = []
    for person in people:
        if person.listed_publicly == listed:
            continue
        person.listed_publicly = listed
        person._change_reason = _("consent to be listed publicly given") if listed else _("consent withdrawn")
        record_save(record=person)
        changed.append(person)
    return changed


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


def _history(model):
    """The historical records' manager that django-simple-history adds to `model` (unknown to the type checker)."""
    return getattr(model, "history")  # noqa: B009


def _erase_from_history(person: Person, fields) -> None:
    _history(Person).filter(id=person.pk).update(**dict.fromkeys(fields, ""))


@transaction.atomic
def person_erase_contact_details(*, person: Person, reason: str) -> Person:
    for name in CONTACT_DETAILS:
        setattr(person, name, "")
    person._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history
    record_save(record=person)
    _erase_from_history(person, CONTACT_DETAILS)
    return person


@transaction.atomic
def person_erase(*, person: Person, reason: str) -> Person:
    """Erase what identifies the person; participations stay, anonymous, so that counts and badges still add up."""
    photo = person.photo.name
    for position in person.positions.all():
        record_delete(record=position)
    _history(Position).filter(person_id=person.pk).delete()
    _history(Person).filter(id=person.pk).delete()
    for field in Person._meta.concrete_fields:
        if field.name.startswith(IDENTIFYING_PREFIXES):
            setattr(person, field.attname, None if field.null else "")
    # The English columns of the translated names (django-modeltranslation adds them).
    setattr(person, "given_name_en", "Erased")  # noqa: B010
    setattr(person, "family_name_en", f"#{person.pk}")  # noqa: B010
    person.slug = f"erased-{person.pk}"
    person.nationality = ""
    person.photo = ""
    person.email = person.phone = person.notes = ""
    person.listed_publicly = False
    person._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history
    record_save(record=person, only_changed=False)
    if photo:
        transaction.on_commit(lambda: person.photo.storage.delete(photo))
    return person


@transaction.atomic
def person_record_export(*, person: Person, reason: str) -> None:
    """History records that everything about the person was handed out (a version with no change but the reason)."""
    person._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history
    record_save(record=person, only_changed=False)
