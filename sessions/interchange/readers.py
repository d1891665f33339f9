"""Readers of the programme formats other systems publish, each producing a neutral `Programme`.

- `c3voc`: the c3voc schedule JSON (https://c3voc.de/schedule/schema.json) that frab and pretalx export as
  schedule.json, and that Convene's own schedule.json follows (its `conference.meta.session_types` carries the
  types' names and colours).
- `frab-xml`: the frab schedule.xml, as pretalx exports it (`/<event>/schedule/export/schedule.xml`).
- `indico`: Indico's timetable export (`/export/timetable/<event id>.json`): contributions, breaks and session
  blocks with their contributions nested.

Photos are taken only from the document itself (a data: URI) or, for the management command, from a file next to
it; a web address is never fetched.
"""

import base64
import binascii
import datetime
import json
import re
import zoneinfo
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sessions.interchange.documents import PersonEntry, Programme, ProgrammeError, SessionEntry, TypeEntry

MAX_PHOTO_BYTES = 5 * 1024 * 1024
DATA_URI = re.compile(r"^data:image/(png|jpeg|jpg);base64,(.+)$", re.DOTALL)


def type_code(text: str) -> str:
    """A stable code for a type given by name ("Hands-on workshop" → "hands_on_workshop")."""
    return slugify(text).replace("-", "_")[:60]


def language_code(text) -> str:
    """ISO 639-1 from what a source gives ("en", "pt-br", "de_formal"); "" when it gives none."""
    primary = re.split(r"[-_]", str(text or "").strip().lower())[0]
    return primary if len(primary) == 2 and primary.isalpha() else ""


def parse_duration(text) -> datetime.timedelta:
    """hh:mm, hh:mm:ss or d:hh:mm:ss (frab writes days for long events)."""
    parts = [int(part) for part in str(text).strip().split(":")]
    if not 2 <= len(parts) <= 4 or any(part < 0 for part in parts):
        raise ValueError(text)
    if len(parts) == 2:
        hours, minutes, seconds, days = parts[0], parts[1], 0, 0
    elif len(parts) == 3:
        hours, minutes, seconds, days = parts[0], parts[1], parts[2], 0
    else:
        days, hours, minutes, seconds = parts
    return datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def read_photo(programme: Programme, row: str, value, base_dir: Path | None):
    """(bytes, file name) of a photo the document ships, or (None, "") with a warning saying why not."""
    value = str(value or "").strip()
    if not value:
        return None, ""
    match = DATA_URI.match(value)
    if match:
        try:
            content = base64.b64decode(match.group(2), validate=False)
        except (binascii.Error, ValueError):
            programme.errors.append((row, _("The photo is not valid base64.")))
            return None, ""
        extension = "jpg" if match.group(1) in ("jpeg", "jpg") else "png"
        return content, f"photo.{extension}"
    if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE) and not value.lower().startswith("file://"):
        programme.warnings.append((row, _("Photo at a web address not fetched: %(url)s") % {"url": value[:200]}))
        return None, ""
    if base_dir is None:
        programme.warnings.append(
            (row, _("Photo given as a file path, read only by the command: %(path)s") % {"path": value[:200]})
        )
        return None, ""
    path = (base_dir / value.removeprefix("file://")).resolve()
    if not path.is_relative_to(base_dir.resolve()) or not path.is_file() or path.stat().st_size > MAX_PHOTO_BYTES:
        programme.warnings.append((row, _("Photo file not found next to the document: %(path)s") % {"path": value}))
        return None, ""
    return path.read_bytes(), path.name


def _person_key(person: dict, name: str) -> str:
    for key in ("guid", "code", "id"):
        if person.get(key) not in (None, ""):
            return str(person[key])
    return f"name:{name.casefold()}"


def _add_session(programme, *, row, external_id, title, starts_at, ends_at, **values):
    if not title:
        programme.errors.append((row, _("The entry has no title.")))
        return
    programme.sessions.append(
        SessionEntry(row=row, external_id=external_id, title=title, starts_at=starts_at, ends_at=ends_at, **values)
    )


def _description(abstract, description) -> str:
    parts = [str(part).strip() for part in (abstract, description) if part and str(part).strip()]
    return "\n\n".join(dict.fromkeys(parts))


def read_c3voc(document: dict, *, base_dir: Path | None = None) -> Programme:
    programme = Programme(format="c3voc")
    try:
        conference = document["schedule"]["conference"]
        days = conference["days"]
    except (KeyError, TypeError):
        raise ProgrammeError(_("Not a c3voc schedule: schedule.conference.days is missing.")) from None
    for room in conference.get("rooms") or []:
        if isinstance(room, dict) and room.get("name"):
            programme.rooms[str(room["name"])] = room.get("capacity")
    for track in conference.get("tracks") or []:
        if isinstance(track, dict) and track.get("name"):
            programme.tracks.append(str(track["name"]))
    meta = conference.get("meta") if isinstance(conference.get("meta"), dict) else {}
    for item in meta.get("session_types") or []:
        if isinstance(item, dict) and item.get("code"):
            programme.types[str(item["code"])] = TypeEntry(
                code=str(item["code"]),
                name=str(item.get("name") or item["code"]),
                colour=str(item.get("color") or ""),
                is_break=bool(item.get("is_break")),
            )
    for day in days:
        for room_name, events in (day.get("rooms") or {}).items():
            for event in events or []:
                title = str(event.get("title") or "").strip()
                row = f"{day.get('date', '?')} · {room_name or _('no room')} · {title or event.get('guid', '?')}"
                try:
                    starts_at = datetime.datetime.fromisoformat(str(event["date"]))
                    ends_at = starts_at + parse_duration(event["duration"])
                except (KeyError, ValueError):
                    programme.errors.append((row, _("The date (ISO 8601) or the duration (hh:mm) cannot be read.")))
                    continue
                kind = str(event.get("type") or "").strip()
                code = kind if kind in programme.types else type_code(kind)
                if code and code not in programme.types:
                    programme.types[code] = TypeEntry(code=code, name=kind, is_break=code == "break")
                persons = []
                for person in event.get("persons") or []:
                    if not isinstance(person, dict):
                        continue
                    name = str(person.get("name") or person.get("public_name") or "").strip()
                    if not name:
                        continue
                    key = _person_key(person, name)
                    if key not in programme.persons:
                        photo, photo_name = read_photo(programme, f"{row} · {name}", person.get("avatar"), base_dir)
                        programme.persons[key] = PersonEntry(
                            key="" if key.startswith("name:") else key,
                            name=name,
                            biography=str(person.get("biography") or ""),
                            photo=photo,
                            photo_name=photo_name,
                        )
                    persons.append(key)
                _add_session(
                    programme,
                    row=row,
                    external_id=str(event.get("guid") or event.get("code") or event.get("id") or ""),
                    title=title,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    description=_description(event.get("abstract"), event.get("description")),
                    room=str(event.get("room") if event.get("room") is not None else room_name or ""),
                    type_code=code,
                    track=str(event.get("track") or ""),
                    language=language_code(event.get("language")),
                    persons=persons,
                )
    return programme


def _text(element, name) -> str:
    child = element.find(name)
    return (child.text or "").strip() if child is not None and child.text else ""


def read_frab_xml(content: bytes, *, base_dir: Path | None = None) -> Programme:
    programme = Programme(format="frab-xml")
    try:
        root = ElementTree.fromstring(content, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise ProgrammeError(_("Not a readable XML document: %(error)s") % {"error": error}) from None
    if root.tag != "schedule" or root.find("conference") is None:
        raise ProgrammeError(_("Not a frab schedule.xml: <schedule><conference> is missing."))
    tz_name = _text(root.find("conference"), "time_zone_name")
    try:
        tzinfo = zoneinfo.ZoneInfo(tz_name) if tz_name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tzinfo = None
    for day in root.findall("day"):
        for room in day.findall("room"):
            room_name = room.get("name") or ""
            if room_name:
                programme.rooms.setdefault(room_name, None)
            for event in room.findall("event"):
                title = _text(event, "title")
                row = f"{day.get('date', '?')} · {room_name or _('no room')} · {title or event.get('guid', '?')}"
                try:
                    date = _text(event, "date")
                    if date:
                        starts_at = datetime.datetime.fromisoformat(date)
                    else:
                        local = datetime.datetime.fromisoformat(f"{day.get('date')}T{_text(event, 'start')}")
                        starts_at = local.replace(tzinfo=tzinfo) if tzinfo else local
                    ends_at = starts_at + parse_duration(_text(event, "duration"))
                except (TypeError, ValueError):
                    programme.errors.append((row, _("The date (ISO 8601) or the duration (hh:mm) cannot be read.")))
                    continue
                kind = _text(event, "type")
                code = type_code(kind)
                if code and code not in programme.types:
                    programme.types[code] = TypeEntry(code=code, name=kind, is_break=code == "break")
                track = _text(event, "track")
                if track and track not in programme.tracks:
                    programme.tracks.append(track)
                persons = []
                for person in event.findall("persons/person"):
                    name = (person.text or "").strip()
                    if not name:
                        continue
                    key = person.get("guid") or person.get("id") or f"name:{name.casefold()}"
                    programme.persons.setdefault(
                        key, PersonEntry(key="" if key.startswith("name:") else key, name=name)
                    )
                    persons.append(key)
                _add_session(
                    programme,
                    row=row,
                    external_id=event.get("guid") or event.get("id") or "",
                    title=title,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    description=_description(_text(event, "abstract"), _text(event, "description")),
                    room=_text(event, "room") or room_name,
                    type_code=code,
                    track=track,
                    language=language_code(_text(event, "language")),
                    persons=persons,
                )
    return programme


def _indico_time(value) -> datetime.datetime:
    local = datetime.datetime.fromisoformat(f"{value['date']}T{value['time']}")
    return local.replace(tzinfo=zoneinfo.ZoneInfo(value["tz"]))


def _indico_people(programme, entry) -> list[str]:
    keys = []
    for person in [*(entry.get("presenters") or []), *(entry.get("speakers") or [])]:
        if not isinstance(person, dict):
            continue
        given = str(person.get("firstName") or person.get("first_name") or "").strip()
        family = str(person.get("familyName") or person.get("last_name") or "").strip()
        name = str(person.get("name") or f"{given} {family}").strip()
        if not name:
            continue
        key = str(person.get("person_id") or person.get("id") or "") or f"name:{name.casefold()}"
        if key not in programme.persons:
            programme.persons[key] = PersonEntry(
                key="" if key.startswith("name:") else key,
                name=name,
                given_name=given,
                family_name=family,
                biography=str(person.get("biography") or ""),
            )
        if key not in keys:
            keys.append(key)
    return keys


def _indico_entry(programme, day, entry, track=""):
    kind = str(entry.get("entryType") or "Contribution")
    nested = entry.get("entries") or {}
    title = str(entry.get("title") or entry.get("slotTitle") or "").strip()
    if kind == "Session" and nested:
        for child in nested.values():
            _indico_entry(programme, day, child, track=title)
        return
    row = f"{day} · {entry.get('room') or _('no room')} · {title or entry.get('id', '?')}"
    try:
        starts_at, ends_at = _indico_time(entry["startDate"]), _indico_time(entry["endDate"])
    except (KeyError, TypeError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        programme.errors.append((row, _("The start or end (date, time and tz) cannot be read.")))
        return
    code = type_code(kind)
    programme.types.setdefault(code, TypeEntry(code=code, name=kind, is_break=kind == "Break"))
    room = str(entry.get("room") or "")
    if room:
        programme.rooms.setdefault(room, None)
    if track and track not in programme.tracks:
        programme.tracks.append(track)
    _add_session(
        programme,
        row=row,
        external_id=str(entry.get("uniqueId") or entry.get("id") or ""),
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        description=str(entry.get("description") or ""),
        room=room,
        type_code=code,
        track=track,
        language=language_code(entry.get("language")),
        persons=_indico_people(programme, entry),
    )


def read_indico(document: dict, *, base_dir: Path | None = None) -> Programme:
    programme = Programme(format="indico")
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, dict) or len(results) != 1:
        raise ProgrammeError(_("Not an Indico timetable: `results` must hold exactly one event."))
    (days,) = results.values()
    for day, entries in sorted((days or {}).items()):
        for entry in sorted((entries or {}).values(), key=lambda e: (str(e.get("startDate")), str(e.get("id")))):
            _indico_entry(programme, day, entry)
    return programme


FORMATS = {"c3voc": read_c3voc, "frab-xml": read_frab_xml, "indico": read_indico}


def read_programme(content: bytes, *, format: str = "auto", base_dir: Path | None = None) -> Programme:
    """The programme in `content`, its format recognised (or the one named); ProgrammeError if unreadable."""
    if format not in ("auto", *FORMATS):
        raise ProgrammeError(
            _("Unknown format %(format)s: use one of %(formats)s.") % {"format": format, "formats": ", ".join(FORMATS)}
        )
    if format == "frab-xml" or (format == "auto" and content.lstrip().startswith(b"<")):
        return read_frab_xml(content, base_dir=base_dir)
    try:
        document = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ProgrammeError(_("Not a readable JSON document: %(error)s") % {"error": error}) from None
    if format == "auto":
        format = "indico" if isinstance(document, dict) and "results" in document else "c3voc"
    try:
        return FORMATS[format](document, base_dir=base_dir)
    except ProgrammeError:
        raise
    except (AttributeError, TypeError, KeyError, ValueError) as error:
        raise ProgrammeError(
            _("The document does not have the shape of the %(format)s format (%(error)s).")
            % {"format": format, "error": type(error).__name__}
        ) from None
