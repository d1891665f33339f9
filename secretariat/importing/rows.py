"""The row importer: a meeting's participants from a read table, with a preview of every row before anything is
saved.

The whole file is run inside one transaction: each row is matched (existing people by email, else by name and
organization) and validated on its own, and written with the rows of its chunk; the transaction is rolled back for a
preview (dry run) or when any row has an error, so a file with one bad row saves nothing. The preview is therefore
exactly what saving would do.

A chunk (CHUNK_SIZE rows) costs a few queries whatever its size: what its rows look up is loaded at once (_Known),
and its new and changed records are written in bulk by participants.services.records_write_in_bulk, with their
history and one content version bump. Each chunk is written before the next is read, so a row finds what the rows
before it created, as when rows were saved one by one.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from meetings.models import Meeting
from participants.honorifics import honorific_in
from participants.models import Delegation, Organization, Participant, Person, Position
from participants.services import participant_build, record_check_for_bulk, records_write_in_bulk
from secretariat.columns import IMPORT_COLUMNS, REQUIRED_VALUES
from secretariat.importing.reading import LANGUAGES, ImportFileError, column_indexes, normalise, read_table

# Rows checked, then written together (a few queries per kind of record for the whole chunk).
CHUNK_SIZE = 500
# Values looked up with one query (`… IN (…)`), under every database's limit of query parameters.
LOOKUP_SLICE = 900


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


def _slices(values, size=LOOKUP_SLICE):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _folded(value) -> str:
    """A text as the database compares it case-insensitively (iexact, Lower)."""
    return (value or "").lower()


class _Known:
    """What the rows of one chunk look up, loaded for the chunk in a few queries whatever its size: the people its
    emails and names find, their positions and their participations at this meeting; and, for the whole file, the
    meeting's delegations and the slugs taken. The chunks before are written by then, and what a row creates joins
    these maps, so that each row finds what it would have found in the database, saved by the rows before it; only
    one chunk's records are held at a time."""

    def __init__(self, *, meeting, directory):
        self.meeting, self.directory = meeting, directory
        self.delegations = {delegation.organization_id: delegation for delegation in meeting.delegations.all()}
        self.slugs = set(Person.objects.values_list("slug", flat=True))

    def load(self, rows):
        """The people, positions and participations the rows of a chunk look up (`rows`: their values)."""
        self.people = {}  # pk -> Person, one object per person whichever way it was found
        self.by_email = defaultdict(list)  # folded email -> [Person]
        self.by_name = defaultdict(list)  # (folded given, folded family, organization id) -> [Person]
        self.positions = {}  # (id(person), organization id, folded title) -> Position
        self.participants = {}  # id(person) -> Participant
        # Folded here and by the database; as written too, since SQLite folds only ASCII letters.
        emails = {text for values in rows if values["email"] for text in (values["email"], _folded(values["email"]))}
        for chunk in _slices(emails):
            for person in Person.objects.annotate(folded_email=Lower("email")).filter(folded_email__in=chunk):
                person = self._person(person)
                if person not in self.by_email[_folded(person.email)]:
                    self.by_email[_folded(person.email)].append(person)
        organizations = {
            found.pk
            for values in rows
            for key in ("organization", "delegation")
            if values[key] and (found := self.directory.find(values[key])) is not None
        }
        families = {
            text
            for values in rows
            if values["given_name"]
            for text in (values["family_name"], _folded(values["family_name"]))
        }
        named = defaultdict(set)
        for chunk in _slices(families):
            positions = (
                Position.objects.annotate(folded_family=Lower("person__family_name_en"))
                .filter(folded_family__in=chunk, organization_id__in=organizations)
                .values_list("person_id", "person__given_name_en", "person__family_name_en", "organization_id")
            )
            for person_id, given, family, organization_id in positions:
                if given is not None and family is not None:
                    named[(_folded(given), _folded(family), organization_id)].add(person_id)
        missing = {person_id for ids in named.values() for person_id in ids} - self.people.keys()
        for chunk in _slices(missing):
            for person in Person.objects.filter(pk__in=chunk):
                self._person(person)
        for key, ids in named.items():
            self.by_name[key] = [self.people[person_id] for person_id in sorted(ids)]
        for chunk in _slices(self.people):
            for position in Position.objects.filter(person_id__in=chunk).order_by("person", "-start_date", "id"):
                key = (id(self.people[position.person_id]), position.organization_id, _folded(position.title_en))
                self.positions.setdefault(key, position)
            participants = Participant.objects.filter(meeting=self.meeting, person_id__in=chunk).select_related(
                "delegation", "position"
            )
            for participant in participants:
                self.participants[id(self.people[participant.person_id])] = participant

    def _person(self, person):
        return self.people.setdefault(person.pk, person)

    def new_slug(self, given, family) -> str:
        base = slugify(f"{given} {family}")[:100] or "person"
        slug, suffix = base, 2
        while slug in self.slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        self.slugs.add(slug)
        return slug

    def add_position(self, position, organization):
        """A position the file creates: later rows find it, and find its person by name at its organization."""
        person = position.person
        self.positions[(id(person), organization.pk, _folded(position.title_en))] = position
        key = (_folded(person.given_name_en), _folded(person.family_name_en), organization.pk)
        if person.given_name_en is not None and person.family_name_en is not None and person not in self.by_name[key]:
            self.by_name[key].append(person)


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


def _import_row(*, meeting, values, directory, roles, seen, known, pending, outcome: RowOutcome):
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
        matches = known.by_email.get(_folded(email), [])
        if len(matches) > 1:
            errors.append((_label("email"), _("several people have this email; correct them in the admin first.")))
            return
        if matches:
            person, matched_by = matches[0], "email"
    if person is None:
        matches = known.by_name.get((_folded(given), _folded(family), organization.pk), [])
        if len(matches) > 1:
            errors.append(
                (_label("family_name"), _("several people have this name at this organization; give their email."))
            )
            return
        if matches:
            person, matched_by = matches[0], "name"
    changes = _RowChanges()
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
            slug=known.new_slug(given, family),
            listed_publicly=bool(consent),
            **{name: value or None for name, value in translations.items()},
        )
        changes.add(person)
    else:
        # A known person: the file completes what is missing, and records a consent given or withdrawn.
        changes.before(person)
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
            changes.add(person)

    position = None
    if values.get("position"):
        position = known.positions.get((id(person), organization.pk, _folded(values["position"])))
        if position is None:
            position = Position(person=person, organization=organization, title_en=values["position"])
            changes.add(position)
        else:
            changes.before(position)
        for language in ("fr", "ar"):
            if values.get(f"position_{language}") and not getattr(position, f"title_{language}"):
                setattr(position, f"title_{language}", values[f"position_{language}"])
                changes.add(position)

    delegation = known.delegations.get(delegation_organization.pk)
    if delegation is None:
        delegation = Delegation(meeting=meeting, organization=delegation_organization)
        changes.add(delegation)

    participant = known.participants.get(id(person))
    if participant is None:
        participant = participant_build(
            delegation=delegation, person=person, position=position, role=role or Participant.Role.DELEGATE
        )
        changes.add(participant)
        outcome.outcome = {
            None: _("new person, added to the meeting"),
            "email": _("existing person (matched by email), added to the meeting"),
            "name": _("existing person (matched by name and organization), added to the meeting"),
        }[matched_by]
    else:
        changes.before(participant)
        updated = []
        if role is not None and participant.role != role:
            participant.role = role
            updated.append(_("role"))
        if delegation.pk is None or participant.delegation_id != delegation.pk:
            participant.delegation = delegation
            updated.append(_("delegation"))
        if position is not None and (position.pk is None or participant.position_id != position.pk):
            participant.position = position
            updated.append(_("position"))
        if updated:
            changes.add(participant)
            outcome.outcome = _("already a participant: updated %(fields)s") % {"fields": ", ".join(updated)}
        else:
            outcome.outcome = _("already a participant: no change")
    changes.check()
    # The row is valid: later rows find what it created, and its records are written with its chunk.
    for record in changes.records:
        if isinstance(record, Position) and record.pk is None:
            known.add_position(record, organization)
        elif isinstance(record, Delegation):
            known.delegations[record.organization_id] = record
        elif isinstance(record, Participant):
            known.participants[id(person)] = record
        pending.add(record)


class _RowChanges:
    """The records one row creates or changes, checked together; a row refused leaves the others as they were."""

    def __init__(self):
        self.records = []
        self.saved_state = []

    def before(self, record):
        """Remember an existing record as it is, before the row changes it."""
        self.saved_state.append((record, dict(record.__dict__), dict(record._state.fields_cache)))

    def add(self, record):
        if not any(record is known for known in self.records):
            self.records.append(record)

    def check(self):
        try:
            for record in self.records:
                record_check_for_bulk(record)
        except ValidationError:
            for record, attributes, related in reversed(self.saved_state):
                record.__dict__.clear()
                record.__dict__.update(attributes)
                record._state.fields_cache = related
            raise


class _Pending:
    """The records of the current chunk to write, each once, by kind."""

    KINDS = {Person: "people", Position: "positions", Delegation: "delegations", Participant: "participants"}

    def __init__(self):
        self.records = {kind: {} for kind in self.KINDS.values()}

    def add(self, record):
        self.records[self.KINDS[type(record)]][id(record)] = record

    def take(self) -> dict:
        taken = {kind: list(records.values()) for kind, records in self.records.items()}
        self.records = {kind: {} for kind in self.KINDS.values()}
        return taken


def _validation_errors(error: ValidationError):
    """(column header, message) pairs from a model's validation error, each once (a translated field and its
    English column, `family_name` and `family_name_en`, both report a value too long)."""
    if not hasattr(error, "error_dict"):
        return [(_label("family_name"), message) for message in error.messages]
    return list(
        dict.fromkeys(
            (_label(_FIELD_COLUMNS.get(name, "family_name")), message)
            for name, field_messages in error.message_dict.items()
            for message in field_messages
        )
    )


def _write_chunk(*, meeting, pending: _Pending, first: RowOutcome):
    """Write the chunk's records; what the database refuses is told on the chunk's first row."""
    try:
        with transaction.atomic():
            records_write_in_bulk(meeting=meeting, **pending.take())
    except ValidationError as error:
        first.errors.extend(_validation_errors(error))
    except DatabaseError as error:
        first.errors.append(
            (
                _label("family_name"),
                _("the database refused this row: import the file again.") + f" ({type(error).__name__})",
            )
        )


def import_participants(
    *,
    meeting: Meeting,
    content: bytes,
    filename: str = "",
    dry_run: bool = True,
    progress=None,
    chunk_size: int = CHUNK_SIZE,
):
    """Run the import; saves only when dry_run is False and every row is valid; `progress(done, total)` is told
    after each chunk of rows. Raises ImportFileError.

    Each row is checked on its own against what the file's rows look up, loaded once (_Known); the valid rows are
    written a chunk at a time with the participants' bulk services. Every row is checked, so that the preview
    lists every error; a file with an error is rolled back whole."""
    headers, rows = read_table(content, filename)
    columns = column_indexes(headers)
    result = ImportResult(rows=[])
    for offset, cells in enumerate(rows):
        if not any(cells):
            continue
        # Every column has a value, "" for those the file does not have (the preview shows any of them).
        values = dict.fromkeys(IMPORT_COLUMNS, "") | {
            key: (cells[index] if index < len(cells) else "") for key, index in columns.items()
        }
        result.rows.append(RowOutcome(row=offset + 2, values=values))
    del rows[:]
    if not result.rows:
        raise ImportFileError(_("The file has column headers but no participants."))
    directory, roles, seen = _Directory(), _role_map(), {}
    total = result.rows[-1].row - 1
    with transaction.atomic():
        known = _Known(meeting=meeting, directory=directory)
        pending = _Pending()
        for start in range(0, len(result.rows), chunk_size):
            chunk = result.rows[start : start + chunk_size]
            known.load([outcome.values for outcome in chunk])
            for outcome in chunk:
                try:
                    _import_row(
                        meeting=meeting,
                        values=outcome.values,
                        directory=directory,
                        roles=roles,
                        seen=seen,
                        known=known,
                        pending=pending,
                        outcome=outcome,
                    )
                except ValidationError as error:
                    outcome.errors.extend(_validation_errors(error))
            # Written even after an error (then rolled back), so that later rows find what earlier ones created.
            _write_chunk(meeting=meeting, pending=pending, first=chunk[0])
            if progress is not None:
                progress(chunk[-1].row - 1, total)
        if dry_run or result.has_errors:
            transaction.set_rollback(True)
        else:
            result.saved = True
    return result
