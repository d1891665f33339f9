"""Programmes built by the project itself, written in each format the importer reads.

`build_spec` makes a conference like the one a partner brought (Europe/Paris, 11 rooms, talks, workshops,
keynotes and sprints, titles in French or English per session, speakers with one name or two, photos, breaks
without a room); `to_c3voc`, `to_frab_xml` and `to_indico` write it as the c3voc schema, pretalx's schedule.xml
template and Indico's timetable export document them.
"""

import base64
import datetime
import uuid
import zoneinfo
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

# A 1×1 PNG; each speaker's photo differs by its last bytes so that mix-ups show.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
TYPES = ["talk", "workshop", "keynote", "sprint"]
TRACKS = ["Sécurité alimentaire", "Climate finance", "Éducation", "Digital cooperation"]
GIVEN = ["Julien", "Amina", "Karim", "Sofia", "Lucas", "Fatou", "Yusuf", "Chloé", "Omar", "Léa", "Ines"]
FAMILY = ["Martin", "Diallo", "Haddad", "Rossi", "Bernard", "Ndiaye", "Demir", "Petit", "Khan", "Moreau"]


@dataclass
class Speaker:
    code: str
    name: str
    biography: str
    photo: bytes | None


@dataclass
class Entry:
    guid: str
    title: str
    description: str
    starts_at: datetime.datetime
    minutes: int
    room: str  # "" for a break without a room
    type: str
    track: str
    language: str
    speakers: list = field(default_factory=list)


@dataclass
class Spec:
    slug: str
    title: str
    timezone: str
    start: datetime.date
    days: int
    rooms: list
    speakers: list
    entries: list


def build_spec(*, sessions=220, days=4, rooms=11, start=datetime.date(2024, 11, 1), timezone="Europe/Paris"):
    tz = zoneinfo.ZoneInfo(timezone)
    room_names = [f"Salle {index + 1}" if index % 2 else f"Room {index + 1}" for index in range(rooms)]
    speakers = []
    for index in range(77):
        given = GIVEN[index % len(GIVEN)]
        # Every seventh speaker goes by one name.
        name = given if index % 7 == 0 else f"{given} {FAMILY[index % len(FAMILY)]} {index}"
        photo = PNG + index.to_bytes(2, "big") if index % 3 == 0 else None
        speakers.append(Speaker(f"SPK{index:03d}", name, f"Biographie de {name}." if index % 2 else "", photo))
    slots = [datetime.time(9), datetime.time(11), datetime.time(12), datetime.time(14), datetime.time(16)]
    entries = []
    index = 0
    for day in range(days):
        date = start + datetime.timedelta(days=day)
        for slot in slots:
            for room in room_names:
                if index >= sessions:
                    break
                french = index % 2 == 0
                kind = TYPES[index % len(TYPES)]
                entries.append(
                    Entry(
                        guid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/talk/{index}")),
                        title=f"Atelier {index} : coopération" if french else f"Talk {index}: cooperation",
                        description=f"Résumé de la séance {index}." if french else f"Abstract of session {index}.",
                        starts_at=datetime.datetime.combine(date, slot, tzinfo=tz),
                        minutes=45 if kind != "sprint" else 55,
                        room=room,
                        type=kind,
                        track=TRACKS[index % len(TRACKS)],
                        language="fr" if french else "en",
                        speakers=[speakers[index % 77], speakers[(index + 38) % 77]][: 1 + index % 2],
                    )
                )
                index += 1
        for hour, minute in ((10, 30), (15, 30)):
            entries.append(
                Entry(
                    guid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/break/{day}/{hour}")),
                    title="Pause café",
                    description="",
                    starts_at=datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=tz),
                    minutes=30,
                    room="",
                    type="break",
                    track="",
                    language="fr",
                )
            )
    return Spec("conf-2024", "Conférence 2024", timezone, start, days, room_names, speakers, entries)


def _duration(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def to_c3voc(spec: Spec) -> dict:
    days = []
    for day in range(spec.days):
        date = spec.start + datetime.timedelta(days=day)
        by_room = {}
        for entry in spec.entries:
            if entry.starts_at.date() != date:
                continue
            by_room.setdefault(entry.room, []).append(
                {
                    "id": len(by_room) + 1,
                    "guid": entry.guid,
                    "date": entry.starts_at.isoformat(),
                    "start": entry.starts_at.strftime("%H:%M"),
                    "duration": _duration(entry.minutes),
                    "room": entry.room,
                    "slug": f"conf-{entry.guid[:8]}",
                    "url": f"https://example.org/{entry.guid}",
                    "title": entry.title,
                    "subtitle": None,
                    "track": entry.track or None,
                    "type": entry.type,
                    "language": entry.language,
                    "abstract": None,
                    "description": entry.description or None,
                    "persons": [
                        {
                            "code": speaker.code,
                            "name": speaker.name,
                            "biography": speaker.biography,
                            **(
                                {"avatar": "data:image/png;base64," + base64.b64encode(speaker.photo).decode()}
                                if speaker.photo
                                else {}
                            ),
                        }
                        for speaker in entry.speakers
                    ],
                    "links": [],
                }
            )
        days.append(
            {
                "index": day + 1,
                "date": date.isoformat(),
                "day_start": f"{date.isoformat()}T04:00:00+01:00",
                "day_end": f"{(date + datetime.timedelta(days=1)).isoformat()}T03:59:00+01:00",
                "rooms": by_room,
            }
        )
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "tests", "version": "1"},
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "conf_2024",
                "title": spec.title,
                "start": spec.start.isoformat(),
                "end": (spec.start + datetime.timedelta(days=spec.days - 1)).isoformat(),
                "daysCount": spec.days,
                "timeslot_duration": "00:05",
                "time_zone_name": spec.timezone,
                "rooms": [
                    {"name": name, "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, name)), "capacity": 100 + i}
                    for i, name in enumerate(spec.rooms)
                ],
                "tracks": [{"name": name} for name in TRACKS],
                "days": days,
            },
        },
    }


def to_frab_xml(spec: Spec) -> bytes:
    """pretalx's schedule.xml: persons by id and name only (no photos, no biographies)."""
    lines = [
        "<?xml version='1.0' encoding='utf-8' ?>",
        "<schedule>",
        '<generator name="pretalx" version="2024.3" />',
        "<conference><acronym>conf-2024</acronym><title>Conférence 2024</title>"
        f"<time_zone_name>{spec.timezone}</time_zone_name></conference>",
    ]
    for day in range(spec.days):
        date = spec.start + datetime.timedelta(days=day)
        lines.append(f"<day index='{day + 1}' date='{date.isoformat()}'>")
        rooms = sorted({entry.room for entry in spec.entries if entry.starts_at.date() == date})
        for room in rooms:
            lines.append(f"<room name={quoteattr(room)}>")
            for entry in spec.entries:
                if entry.starts_at.date() != date or entry.room != room:
                    continue
                persons = "".join(
                    f"<person id='{speaker.code}'>{escape(speaker.name)}</person>" for speaker in entry.speakers
                )
                lines.append(
                    f"<event guid='{entry.guid}' id='1'><date>{entry.starts_at.isoformat()}</date>"
                    f"<start>{entry.starts_at:%H:%M}</start><duration>{_duration(entry.minutes)}</duration>"
                    f"<room>{escape(room)}</room><slug>x</slug><title>{escape(entry.title)}</title><subtitle/>"
                    f"<track>{escape(entry.track)}</track><type>{entry.type}</type>"
                    f"<language>{entry.language}</language><abstract/>"
                    f"<description>{escape(entry.description)}</description><persons>{persons}</persons>"
                    "<links/><attachments/></event>"
                )
            lines.append("</room>")
        lines.append("</day>")
    lines.append("</schedule>")
    return "\n".join(lines).encode()


def _indico_date(moment, tz):
    return {"date": moment.strftime("%Y-%m-%d"), "time": moment.strftime("%H:%M:%S"), "tz": tz}


def to_indico(spec: Spec) -> dict:
    """Indico's /export/timetable/<id>.json: contributions and breaks by day, speakers as presenters."""
    days = {}
    for number, entry in enumerate(spec.entries):
        end = entry.starts_at + datetime.timedelta(minutes=entry.minutes)
        is_break = entry.type == "break"
        item = {
            "_type": "BreakTimeSchEntry" if is_break else "ContribSchEntry",
            "entryType": "Break" if is_break else "Contribution",
            "id": f"c{number}",
            "uniqueId": entry.guid,
            "title": entry.title,
            "description": entry.description,
            "startDate": _indico_date(entry.starts_at, spec.timezone),
            "endDate": _indico_date(end, spec.timezone),
            "room": entry.room,
            "location": "Paris",
            "presenters": [
                {
                    "person_id": speaker.code,
                    "firstName": speaker.name.rpartition(" ")[0] or speaker.name,
                    "familyName": speaker.name.rpartition(" ")[2] if " " in speaker.name else "",
                    "name": speaker.name,
                    "affiliation": "",
                }
                for speaker in entry.speakers
            ],
        }
        days.setdefault(entry.starts_at.strftime("%Y%m%d"), {})[item["id"]] = item
    return {"count": 1, "_type": "HTTPAPIResult", "complete": True, "results": {"137346": days}}
