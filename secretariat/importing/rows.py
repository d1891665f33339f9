"""The row importer: a meeting's participants from a read table, with a preview of every row before anything is
saved.

The whole file is run inside one transaction: each row is matched (existing people by email, else by name and
organization), validated and written; the transaction is rolled back for a preview (dry run) or as soon as any row
has an error, so a file with one bad row saves nothing. The preview is therefore exactly what saving would do.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.services import record_save
from meetings.models import Meeting
from participants.honorifics import honorific_in
from participants.models import Delegation, Organization, Participant, Person, Position
from participants.services import participant_create, participant_save
from secretariat.columns import IMPORT_COLUMNS, REQUIRED_VALUES
from secretariat.importing.reading import LANGUAGES, ImportFileError, column_indexes, normalise, read_table


@dataclass
class RowOutcome:
    row: int  # the spreadsheet's row number: the headers are row 1
    values: dict
    outcome: str = ""
    errors: list = field(default_factory=list)  # (column header, message)

    @property
    def ok(self):
        return not self.errors


@dataclass
class ImportResult:
    rows: list
    saved: bool = False

    @property
    def error_count(self):
        return sum(1 for row in self.rows if row.errors)

    @property
    def has_errors(self):
        return self.error_count > 0

    def error_messages(self):
        return [
            _("Row %(row)d, column “%(column)s”: %(message)s") % {"row": row.row, "column": column, "message": message}
            for row in self.rows
            for column, message in row.errors
        ]


# A consent cell: yes or no in any of the three languages; an empty cell changes nothing (no consent for a new person).
CONSENT_VALUES = {
    **dict.fromkeys(("yes", "y", "x", "true", "1", "oui", "o", "vrai", "نعم"), True),
    **dict.fromkeys(("no", "n", "false", "0", "non", "faux", "لا"), False),
}


def _role_map() -> dict:
    accepted = {}
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in Participant.Role.choices:
                accepted[normalise(label)] = value
    for value in Participant.Role.values:
        accepted[normalise(value)] = value
    return accepted


class _Directory:
    """Organizations by every name they go by, loaded once per import."""

    def __init__(self):
        self.by_name = {}
        for organization in Organization.objects.all():
            for language in LANGUAGES:
                for attribute in ("name", "acronym"):
                    value = getattr(organization, f"{attribute}_{language}", "")
                    if value:
                        self.by_name.setdefault(normalise(value), organization)
            self.by_name.setdefault(normalise(organization.slug), organization)

    def find(self, name):
        return self.by_name.get(normalise(name))


def _unique_person_slug(given, family) -> str:
    base = slugify(f"{given} {family}")[:100] or "person"
    slug, suffix = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


# Model field -> import column, to put a model's validation error on the right column.
_FIELD_COLUMNS = {
    "given_name": "given_name",
    "given_name_en": "given_name",
    "family_name": "family_name",
    "family_name_en": "family_name",
    "given_name_ar": "given_name_ar",
    "family_name_ar": "family_name_ar",
    "given_name_fr": "given_name_fr",
    "family_name_fr": "family_name_fr",
    "honorific_prefix": "honorific",
    "honorific_prefix_en": "honorific",
    "honorific_prefix_fr": "honorific_fr",
    "honorific_prefix_ar": "honorific_ar",
    "title_fr": "position_fr",
    "title_ar": "position_ar",
    "listed_publicly": "listed_publicly",
    "email": "email",
    "title": "position",
    "title_en": "position",
    "role": "role",
    "person": "email",
    "position": "position",
    "delegation": "delegation",
}


def _label(key) -> str:
    return str(IMPORT_COLUMNS.get(key, key))


def _import_row(*, meeting, values, directory, roles, seen, outcome: RowOutcome):
    errors = outcome.errors
    given, family, email = values.get("given_name", ""), values.get("family_name", ""), values.get("email", "")
    for key in REQUIRED_VALUES:
        if not values.get(key):
            errors.append((_label(key), _("required.")))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append((_label("email"), _("“%(value)s” is not an email address.") % {"value": email}))
    consent = None
    if values.get("listed_publicly"):
        consent = CONSENT_VALUES.get(normalise(values["listed_publicly"]))
        if consent is None:
            errors.append(
                (
                    _label("listed_publicly"),
                    _("“%(value)s” is neither yes nor no (oui / non, نعم / لا).")
                    % {"value": values["listed_publicly"]},
                )
            )
    role = None  # an empty cell leaves an existing participant's role as it is; new ones are delegates
    if values.get("role"):
        role = roles.get(normalise(values["role"]))
        if role is None:
            errors.append(
                (
                    _label("role"),
                    _("unknown role “%(value)s”; use one of: %(roles)s.")
                    % {"value": values["role"], "roles": ", ".join(str(label) for label in Participant.Role.labels)},
                )
            )
    organization = delegation_organization = None
    for key in ("organization", "delegation"):
        if values.get(key):
            found = directory.find(values[key])
            if found is None:
                errors.append(
                    (
                        _label(key),
                        _("unknown organization “%(value)s”: add it in the admin first, or correct the name.")
                        % {"value": values[key]},
                    )
                )
            elif key == "organization":
                organization = found
            else:
                delegation_organization = found
    delegation_organization = delegation_organization or organization
    organization = organization or delegation_organization
    if delegation_organization is None and not values.get("delegation") and not values.get("organization"):
        errors.append((_label("delegation"), _("give the delegation (or the organization) of the participant.")))
    if errors:
        return
    identity = email.casefold() if email else (given.casefold(), family.casefold(), organization.pk)
    if identity in seen:
        errors.append(
            (
                _label("email") if email else _label("family_name"),
                _("the same person as row %(row)d.") % {"row": seen[identity]},
            )
        )
        return
    seen[identity] = outcome.row

    person, matched_by = None, None
    if email:
        matches = list(Person.objects.filter(email__iexact=email)[:2])
        if len(matches) > 1:
            errors.append((_label("email"), _("several people have this email; correct them in the admin first.")))
            return
        if matches:
            person, matched_by = matches[0], "email"
    if person is None:
        matches = list(
            Person.objects.filter(
                given_name_en__iexact=given, family_name_en__iexact=family, positions__organization=organization
            ).distinct()[:2]
        )
        if len(matches) > 1:
            errors.append(
                (_label("family_name"), _("several people have this name at this organization; give their email."))
            )
            return
        if matches:
            person, matched_by = matches[0], "name"
    honorific = values.get("honorific", "")
    translations = {
        # The honorific in each language: as given, else translated from the English one when it is a usual one.
        "honorific_prefix_fr": values.get("honorific_fr") or honorific_in(honorific, "fr") or "",
        "honorific_prefix_ar": values.get("honorific_ar") or honorific_in(honorific, "ar") or "",
        "given_name_fr": values.get("given_name_fr", ""),
        "family_name_fr": values.get("family_name_fr", ""),
        "given_name_ar": values.get("given_name_ar", ""),
        "family_name_ar": values.get("family_name_ar", ""),
    }
    if person is None:
        person = Person(
            honorific_prefix_en=honorific,
            given_name_en=given,
            family_name_en=family,
            email=email,
            slug=_unique_person_slug(given, family),
            listed_publicly=bool(consent),
            **{name: value or None for name, value in translations.items()},
        )
        record_save(record=person)
    else:
        # A known person: the file completes what is missing, and records a consent given or withdrawn.
        changed = False
        if email and not person.email:
            person.email, changed = email, True
        for name, value in translations.items():
            if value and not getattr(person, name):
                setattr(person, name, value)
                changed = True
        if consent is not None and person.listed_publicly != consent:
            person.listed_publicly, changed = consent, True
        if changed:
            record_save(record=person)

    position = None
    if values.get("position"):
        position = Position.objects.filter(
            person=person, organization=organization, title_en__iexact=values["position"]
        ).first()
        if position is None:
            position = Position(person=person, organization=organization, title_en=values["position"])
        for language in ("fr", "ar"):
            if values.get(f"position_{language}") and not getattr(position, f"title_{language}"):
                setattr(position, f"title_{language}", values[f"position_{language}"])
        record_save(record=position)  # writes only what changed (nothing for a known, complete position)

    delegation = Delegation.objects.filter(meeting=meeting, organization=delegation_organization).first()
    if delegation is None:
        delegation = Delegation(meeting=meeting, organization=delegation_organization)
        record_save(record=delegation)

    participant = Participant.objects.filter(meeting=meeting, person=person).first()
    if participant is None:
        participant_create(
            delegation=delegation, person=person, position=position, role=role or Participant.Role.DELEGATE
        )
        outcome.outcome = {
            None: _("new person, added to the meeting"),
            "email": _("existing person (matched by email), added to the meeting"),
            "name": _("existing person (matched by name and organization), added to the meeting"),
        }[matched_by]
        return
    changes = []
    if role is not None and participant.role != role:
        participant.role = role
        changes.append(_("role"))
    if participant.delegation_id != delegation.pk:
        participant.delegation = delegation
        changes.append(_("delegation"))
    if position is not None and participant.position_id != position.pk:
        participant.position = position
        changes.append(_("position"))
    if changes:
        participant_save(participant=participant)
        outcome.outcome = _("already a participant: updated %(fields)s") % {"fields": ", ".join(changes)}
    else:
        outcome.outcome = _("already a participant: no change")


def _validation_errors(error: ValidationError):
    """(column header, message) pairs from a model's validation error."""
    if not hasattr(error, "error_dict"):
        return [(_label("family_name"), message) for message in error.messages]
    return [
        (_label(_FIELD_COLUMNS.get(name, "family_name")), message)
        for name, field_messages in error.message_dict.items()
        for message in field_messages
    ]


def import_participants(*, meeting: Meeting, content: bytes, filename: str = "", dry_run: bool = True, progress=None):
    """Run the import; saves only when dry_run is False and every row is valid; `progress(done, total)` is told of
    each row. Raises ImportFileError."""
    headers, rows = read_table(content, filename)
    columns = column_indexes(headers)
    directory, roles, seen = _Directory(), _role_map(), {}
    result = ImportResult(rows=[])
    with transaction.atomic():
        for offset, cells in enumerate(rows):
            if not any(cells):
                continue
            # Every column has a value, "" for those the file does not have (the preview shows any of them).
            values = dict.fromkeys(IMPORT_COLUMNS, "") | {
                key: (cells[index] if index < len(cells) else "") for key, index in columns.items()
            }
            outcome = RowOutcome(row=offset + 2, values=values)
            result.rows.append(outcome)
            try:
                with transaction.atomic():
                    _import_row(
                        meeting=meeting, values=values, directory=directory, roles=roles, seen=seen, outcome=outcome
                    )
                    if outcome.errors:
                        transaction.set_rollback(True)
            except ValidationError as error:
                outcome.errors.extend(_validation_errors(error))
            except DatabaseError as error:
                outcome.errors.append(
                    (
                        _label("family_name"),
                        _("the database refused this row: import the file again.") + f" ({type(error).__name__})",
                    )
                )
            if progress is not None:
                progress(offset + 1, len(rows))
        if not result.rows:
            raise ImportFileError(_("The file has column headers but no participants."))
        if dry_run or result.has_errors:
            transaction.set_rollback(True)
        else:
            result.saved = True
    return result
