"""Writes a read `Programme` into a meeting: all of it or nothing, every record through the services.

Matching, so that importing the same programme again updates it instead of duplicating it:
- sessions by their external id (the source's guid/code) within the meeting, then by title;
- people by their external id, then by full name (in any language);
- rooms and tracks through the sessions already matched (so that a French file finds the rooms an English one
  created), then by name in any language; session types by code.
Texts go into the language named for the document (`language`, e.g. the `lang` Convene exported it in) or, when
none is named, each session's into the language it is held in (its `language`, if a site language) and the rest
into the site's default; the other languages are left as they are.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from core.services import changed_fields, record_clean_without_lookups, record_save
from core.uploads import PHOTO_TYPES, check_upload
from meetings.models import Theme
from participants.models import Person
from sessions.interchange.documents import PersonEntry, Programme, SessionEntry
from sessions.models import Room, Session, SessionRole, SessionType
from sessions.services import session_roles_create, session_save

KINDS = ("rooms", "session types", "tracks", "people", "sessions")


@dataclass
class ImportedSession:
    row: str
    outcome: str  # created, updated or unchanged
    title: str
    starts_at: datetime.datetime
    room: str


@dataclass
class ImportReport:
    language: str | None  # None: each session's texts in its own language.
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    sessions: list[ImportedSession] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> dict:
        return {kind: dict(self.counts[kind]) for kind in KINDS}


class ProgrammeImportError(Exception):
    """Some entries were refused; nothing was written. `report.errors` names each entry and why."""

    def __init__(self, report: ImportReport):
        super().__init__(report.errors)
        self.report = report


def _errors_of(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def _names(record, name):
    return {str(value).casefold() for code in LANGUAGE_CODES if (value := getattr(record, f"{name}_{code}", None))}


def _unique_slug(text, taken, max_length=100):
    base = slugify(text)[: max_length - 6].strip("-") or "item"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


class _Importer:
    def __init__(self, meeting, programme: Programme, language, change_reason, dry_run):
        self.dry_run = dry_run
        self.meeting = meeting
        self.programme = programme
        self.lang = language
        self.change_reason = change_reason
        self.report = ImportReport(language=language, warnings=list(programme.warnings))
        self.report.errors.extend(programme.errors)
        self.new_roles: list[tuple[str, SessionRole]] = []

    def save(self, kind, record, *, row, saver=None):
        """Save through the record's service if it changed; count it; an error names the entry."""
        changed = changed_fields(record)
        if changed is not None and set(changed) <= {"updated_at"}:
            self.report.counts[kind]["unchanged"] += 1
            return "unchanged"
        if self.change_reason:
            record._change_reason = self.change_reason
        try:
            (saver or (lambda item: record_save(record=item)))(record)
        except ValidationError as error:
            self.report.errors.append((row, _errors_of(error)))
            return None
        outcome = "created" if changed is None else "updated"
        self.report.counts[kind][outcome] += 1
        return outcome

    def set_text(self, record, name, value, lang=None):
        if value is not None:
            setattr(record, f"{name}_{lang or self.lang or DEFAULT_LANGUAGE}", value)

    # Matching -----------------------------------------------------------------------------------------

    def match_sessions(self):
        sessions = list(Session.objects.filter(meeting=self.meeting).select_related("room", "theme"))
        by_external = {session.external_id: session for session in sessions if session.external_id}
        by_title = defaultdict(list)
        for session in sessions:
            for title in _names(session, "title"):
                by_title[title].append(session)
        matched = {}
        for index, entry in enumerate(self.programme.sessions):
            session = by_external.get(entry.external_id) if entry.external_id else None
            if session is None and not entry.external_id:
                candidates = by_title.get(entry.title.casefold(), [])
                session = candidates[0] if len(candidates) == 1 else None
            if session is None and entry.external_id:
                candidates = [s for s in by_title.get(entry.title.casefold(), []) if not s.external_id]
                session = candidates[0] if len(candidates) == 1 else None
            if session is not None:
                matched[index] = session
        return matched

    def rooms(self, matched):
        rooms = list(Room.objects.filter(meeting=self.meeting))
        found = {}
        # A room already used by a matched session is that session's room, whatever the language of its name.
        for index, session in matched.items():
            name = self.programme.sessions[index].room
            if name and session.room_id and name not in found:
                found[name] = session.room
        ordering = max((room.ordering for room in rooms), default=0)
        names = list(dict.fromkeys([*self.programme.rooms, *(e.room for e in self.programme.sessions if e.room)]))
        for name in names:
            room = found.get(name) or next((r for r in rooms if name.casefold() in _names(r, "name")), None)
            if room is None:
                ordering += 1
                room = Room(meeting=self.meeting, ordering=ordering)
                rooms.append(room)
            self.set_text(room, "name", name)
            capacity = self.programme.rooms.get(name)
            if capacity is not None:
                room.capacity = int(capacity)
            self.save("rooms", room, row=_("room %(name)s") % {"name": name})
            found[name] = room
        return found

    def session_types(self):
        types = {item.code: item for item in SessionType.objects.filter(meeting=self.meeting)}
        ordering = max((item.ordering for item in types.values()), default=0)
        for code, entry in self.programme.types.items():
            session_type = types.get(code)
            if session_type is None:
                ordering += 1
                session_type = SessionType(meeting=self.meeting, code=code, ordering=ordering)
                session_type.is_break = entry.is_break
                types[code] = session_type
            self.set_text(session_type, "name", entry.name or code.replace("_", " ").capitalize())
            if entry.colour:
                session_type.colour = entry.colour
            self.save("session types", session_type, row=_("session type %(code)s") % {"code": code})
        return types

    def tracks(self, matched):
        names = list(dict.fromkeys([*self.programme.tracks, *(e.track for e in self.programme.sessions if e.track)]))
        if not names:
            return {}
        found = {}
        for index, session in matched.items():
            name = self.programme.sessions[index].track
            if name and session.theme_id and name not in found:
                found[name] = session.theme
        themes = list(Theme.objects.all())
        taken = {theme.slug for theme in themes}
        ordering = max((theme.ordering for theme in themes), default=0)
        for name in names:
            theme = found.get(name) or next((t for t in themes if name.casefold() in _names(t, "name")), None)
            if theme is None:
                ordering += 1
                theme = Theme(slug=_unique_slug(name, taken), ordering=ordering)
                themes.append(theme)
            self.set_text(theme, "name", name)
            self.save("tracks", theme, row=_("track %(name)s") % {"name": name})
            found[name] = theme
        self.meeting.themes.add(*[theme for theme in found.values() if theme.pk])
        return found

    def people(self):
        entries = self.programme.persons
        keys = [entry.key for entry in entries.values() if entry.key]
        by_key = {person.external_id: person for person in Person.objects.filter(external_id__in=keys)}
        by_name = None
        taken = None
        found = {}
        for key, entry in entries.items():
            person = by_key.get(entry.key) if entry.key else None
            if person is None:
                if by_name is None:
                    by_name = defaultdict(list)
                    for candidate in Person.objects.all():
                        for code in LANGUAGE_CODES:
                            given = getattr(candidate, f"given_name_{code}") or ""
                            family = getattr(candidate, f"family_name_{code}") or ""
                            full = f"{given} {family}".strip().casefold()
                            if full and candidate not in by_name[full]:
                                by_name[full].append(candidate)
                candidates = by_name.get(entry.name.casefold(), [])
                person = candidates[0] if len(candidates) == 1 else None
            if person is None:
                if taken is None:
                    taken = set(Person.objects.values_list("slug", flat=True))
                # The file is a published programme: its speakers are public there already.
                person = Person(slug=_unique_slug(entry.name, taken, 120), listed_publicly=True)
                given, family = self.split_name(entry)
                self.set_text(person, "given_name", given)
                self.set_text(person, "family_name", family)
            elif entry.given_name or not getattr(person, f"given_name_{self.lang or DEFAULT_LANGUAGE}"):
                given, family = self.split_name(entry)
                self.set_text(person, "given_name", given)
                self.set_text(person, "family_name", family)
            if entry.key and not person.external_id:
                person.external_id = entry.key
            if entry.biography:
                self.set_text(person, "biography", entry.biography)
            if entry.photo is not None and not self.same_photo(person, entry.photo):
                photo = ContentFile(entry.photo, name=entry.photo_name or "photo.png")
                if self.dry_run:
                    # Files are not transactional: a preview checks the photo without storing it.
                    try:
                        check_upload(photo, PHOTO_TYPES)
                    except ValidationError as error:
                        self.report.errors.append((_("person %(name)s") % {"name": entry.name}, error.messages[0]))
                else:
                    person.photo = photo
            self.save("people", person, row=_("person %(name)s") % {"name": entry.name})
            found[key] = person
        return found

    @staticmethod
    def same_photo(person, content: bytes) -> bool:
        if not person.pk or not person.photo:
            return False
        try:
            with person.photo.open("rb") as handle:
                return handle.read() == content
        except OSError:
            return False

    @staticmethod
    def split_name(entry: PersonEntry):
        """The source's split if it gives one; else the last word is the family name; one word is a mononym."""
        if entry.given_name or entry.family_name:
            return entry.given_name or entry.family_name, entry.family_name if entry.given_name else ""
        given, _space, family = entry.name.rpartition(" ")
        return (given, family) if given else (family, "")

    # Sessions -----------------------------------------------------------------------------------------

    def sessions(self, matched, rooms, types, tracks, people):
        taken = set(Session.objects.filter(meeting=self.meeting).values_list("slug", flat=True))
        roles = defaultdict(list)  # the roles the sessions have, loaded at once
        for role in SessionRole.objects.filter(session__meeting=self.meeting):
            roles[role.session_id].append(role)
        tzinfo = self.meeting.tzinfo
        for index, entry in enumerate(self.programme.sessions):
            if entry.starts_at is None or entry.starts_at.tzinfo is None:
                local = entry.starts_at.replace(tzinfo=tzinfo).isoformat() if entry.starts_at else "?"
                self.report.errors.append(
                    (
                        entry.row,
                        _("The time has no offset: give it, e.g. %(local)s in the meeting's time zone (%(timezone)s).")
                        % {"local": local, "timezone": self.meeting.timezone},
                    )
                )
                continue
            session = matched.get(index)
            if session is None:
                session = Session(meeting=self.meeting, slug=_unique_slug(entry.title, taken, 120), is_public=True)
            session_type = types.get(entry.type_code)
            session.type = session_type
            if entry.external_id:
                session.external_id = entry.external_id
            text_lang = self.lang or (entry.language if entry.language in LANGUAGE_CODES else DEFAULT_LANGUAGE)
            self.set_text(session, "title", entry.title, text_lang)
            self.set_text(session, "description", entry.description, text_lang)
            session.starts_at = entry.starts_at.astimezone(datetime.UTC)
            session.ends_at = entry.ends_at.astimezone(datetime.UTC)
            session.room = rooms.get(entry.room) if entry.room else None
            session.theme = tracks.get(entry.track) if entry.track else None
            session.language = entry.language
            outcome = self.save(
                "sessions", session, row=entry.row, saver=lambda s: session_save(session=s, related_loaded=True)
            )
            if outcome is None:
                continue
            roles_changed = self.roles(
                session, roles.get(session.pk, []), [people[key] for key in entry.persons if key in people], entry
            )
            if outcome == "unchanged" and roles_changed:
                self.report.counts["sessions"]["unchanged"] -= 1
                self.report.counts["sessions"]["updated"] += 1
                outcome = "updated"
            self.report.sessions.append(
                ImportedSession(
                    row=entry.row, outcome=outcome, title=entry.title, starts_at=entry.starts_at, room=entry.room
                )
            )

    def roles(self, session, current, persons, entry: SessionEntry) -> bool:
        """The listed people keep the role they have in the session; new ones speak; the others lose theirs.
        New roles are written together at the end (new_roles)."""
        existing = {role.person_id: role for role in current}
        wanted = [person.pk for person in persons if person.pk]
        changed = False
        for role in existing.values():
            if role.person_id not in wanted:
                role.delete()
                changed = True
        for order, person_id in enumerate(dict.fromkeys(wanted), start=1):
            role = existing.get(person_id)
            if role is None:
                role = SessionRole(session=session, person_id=person_id, role=SessionRole.Role.SPEAKER, order=order)
                if self.change_reason:
                    role._change_reason = self.change_reason
                self.new_roles.append((entry.row, role))
                changed = True
                continue
            role.order = order
            outcome = self.save("roles", role, row=entry.row)
            changed = changed or outcome in ("created", "updated")
        return changed

    def create_roles(self):
        """The new roles of every session, checked one by one (an error names the entry), written in one go."""
        valid = []
        for row, role in self.new_roles:
            try:
                record_clean_without_lookups(record=role)
            except ValidationError as error:
                self.report.errors.append((row, _errors_of(error)))
                continue
            valid.append(role)
        if not self.report.errors:
            session_roles_create(meeting=self.meeting, roles=valid, change_reason=self.change_reason)
        self.report.counts["roles"]["created"] += len(valid)

    def run(self):
        matched = self.match_sessions()
        rooms = self.rooms(matched)
        types = self.session_types()
        tracks = self.tracks(matched)
        people = self.people()
        self.sessions(matched, rooms, types, tracks, people)
        self.create_roles()
        return self.report


def programme_import(
    *, meeting, programme: Programme, language: str | None = None, dry_run=False, change_reason=None
) -> ImportReport:
    """Write the programme into the meeting, all or nothing; a dry run checks everything and writes nothing.

    Raises ProgrammeImportError (nothing written) when any entry is refused.
    """
    with transaction.atomic():
        report = _Importer(meeting, programme, language, change_reason, dry_run).run()
        if report.errors:
            transaction.set_rollback(True)
            raise ProgrammeImportError(report)
        if dry_run:
            transaction.set_rollback(True)
    return report
