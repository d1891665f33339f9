"""The neutral programme every reader produces and the importer writes: rooms, types, tracks, people, sessions."""

import datetime
from dataclasses import dataclass, field


class ProgrammeError(ValueError):
    """The document cannot be read at all (not JSON/XML, not a known format); nothing was written."""


@dataclass
class PersonEntry:
    key: str  # The source's own id (guid, code or number); "" when it gives none.
    name: str
    given_name: str = ""  # When the source splits the name (Indico); otherwise the importer splits `name`.
    family_name: str = ""
    biography: str = ""
    photo: bytes | None = None
    photo_name: str = ""


@dataclass
class TypeEntry:
    code: str
    name: str
    colour: str = ""
    is_break: bool = False


@dataclass
class SessionEntry:
    row: str  # Where the entry is in the file, for error messages.
    external_id: str
    title: str
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    description: str = ""
    room: str = ""  # "" is no room (a break in the foyer).
    type_code: str = ""
    track: str = ""
    language: str = ""
    persons: list[str] = field(default_factory=list)  # Keys of Programme.persons.


@dataclass
class Programme:
    format: str
    rooms: dict[str, int | None] = field(default_factory=dict)  # Name → capacity, in the document's order.
    types: dict[str, TypeEntry] = field(default_factory=dict)
    tracks: list[str] = field(default_factory=list)
    persons: dict[str, PersonEntry] = field(default_factory=dict)
    sessions: list[SessionEntry] = field(default_factory=list)
    # Problems of single entries found while reading (a bad duration…), as (row, message).
    errors: list[tuple[str, str]] = field(default_factory=list)
    # What was read but deliberately not used (a photo at a web address), as (row, message).
    warnings: list[tuple[str, str]] = field(default_factory=list)
