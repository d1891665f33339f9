"""A meeting's programme in the frab/c3voc schedule.json format that conference apps read."""

import base64
import datetime
import re
import uuid

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api.languages import FALLBACK_LANGUAGE
from api.parsers import DocumentParser
from api.serializers.base import public_url
from api.views.base import ConveneViewMixin
from core.addresses import PLACEHOLDER, URL_SLUG, substituting
from core.languages import language_columns, text_reader
from core.timezones import local_days_bounds
from meetings.models import Meeting
from participants.models import Person
from sessions.interchange import FORMATS, ProgrammeError, ProgrammeImportError, programme_import, read_programme
from sessions.models import Room, Session, SessionRole, SessionType

SCHEDULE_VERSION = "1.0"
TIME_ZONE_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
SCHEDULE_RESPONSE = {
    "type": "object",
    "description": "The c3voc schedule JSON (https://c3voc.de/schedule/schema.json), as frab and pretalx export it.",
    "properties": {
        "$schema": {"type": "string"},
        "generator": {"type": "object", "additionalProperties": True},
        "schedule": {"type": "object", "additionalProperties": True},
    },
    "required": ["schedule"],
}


def schedule_acronym(meeting):
    """The schema wants ^[a-z0-9_-][a-z0-9_]{3,}: a slug with underscores for hyphens fits."""
    acronym = re.sub(r"[^a-z0-9_]", "_", meeting.slug.lower())
    return acronym.ljust(4, "_")


def stable_uuid(request, path):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, request.build_absolute_uri(path)))


def _uuid_of(url):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, url))


def duration(starts_at, ends_at):
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def session_guid(external_id, api_url):
    """The source system's guid when the session was imported with one, so that exports of copies agree."""
    try:
        return str(uuid.UUID(external_id))
    except ValueError:
        return _uuid_of(api_url)


def photo_uri(request, photo):
    """The photo's address, or with ?photos=inline the photo itself (a data: URI) for importers that fetch nothing."""
    if request.query_params.get("photos") != "inline":
        return request.build_absolute_uri(photo.url)
    try:
        with photo.open("rb") as handle:
            content = handle.read()
    except OSError:
        return request.build_absolute_uri(photo.url)
    kind = "png" if content.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(content).decode()}"


SLUG_UNSAFE = re.compile(r"[^a-z0-9_-]")


def schedule_rows(access, meeting, lang):
    """The sessions of the schedule as plain dicts, each with its `persons` (the schedule's entries): two queries,
    rows rather than model instances, each translated text read in `lang`'s order (core/languages.py). An XL
    programme (600 sessions, 3,000 roles) spent most of its time building and reading model instances."""
    text = {name: text_reader(name, lang) for name in ("title", "description")}
    names = {related: text_reader("name", lang, prefix=f"{related}__") for related in ("room", "theme")}
    sessions = []
    for row in (
        Session.objects.visible_to(access)
        .filter(meeting=meeting)
        .order_by("starts_at", "id")
        .values(
            "id",
            "slug",
            "external_id",
            "starts_at",
            "ends_at",
            "language",
            "room_id",
            "theme_id",
            "type_id",
            "type__code",
            *language_columns("title", "description"),
            *language_columns("name", prefix="room__"),
            *language_columns("name", prefix="theme__"),
        )
    ):
        sessions.append(
            {
                "id": row["id"],
                "slug": row["slug"],
                "external_id": row["external_id"],
                "starts_at": row["starts_at"],
                "ends_at": row["ends_at"],
                "language": row["language"],
                "room": names["room"](row) if row["room_id"] else "",
                "track": names["theme"](row) if row["theme_id"] else None,
                "type": row["type__code"] if row["type_id"] else "",
                "title": text["title"](row),
                "description": text["description"](row),
                "persons": [],
            }
        )
    if sessions:
        by_id = {session["id"]: session for session in sessions}
        person = {
            name: text_reader(name, lang, prefix="person__") for name in ("given_name", "family_name", "biography")
        }
        roles = (
            SessionRole.objects.visible_to(access)
            .filter(session_id__in=list(by_id))
            .order_by("order", "id")
            .values("session_id", "person_id", "person__photo", *language_columns(*person, prefix="person__"))
        )
        for row in roles:
            by_id[row["session_id"]]["persons"].append(
                {
                    "id": row["person_id"],
                    "name": f"{person['given_name'](row)} {person['family_name'](row)}".strip(),
                    "biography": person["biography"](row),
                    "photo": row["person__photo"],
                }
            )
    return sessions


def build_schedule(request, meeting, sessions, rooms, lang, session_types=()):
    """The schedule.json of `sessions` (schedule_rows): each kind of address reversed once, the id or slug put in."""
    tzinfo = meeting.tzinfo
    acronym = schedule_acronym(meeting)
    meeting_url = public_url(request, lang, "meetings:meeting_detail", slug=meeting.slug) or request.build_absolute_uri(
        reverse("api:meeting-detail", kwargs={"slug": meeting.slug})
    )
    room_entries = [
        {
            "name": room.name,
            "guid": stable_uuid(request, reverse("api:room-detail", kwargs={"pk": room.pk})),
            "description": None,
            "capacity": room.capacity,
        }
        for room in rooms
    ]
    api_session_url = substituting(
        request.build_absolute_uri(reverse("api:session-detail", kwargs={"pk": PLACEHOLDER}))
    )
    api_person_url = substituting(request.build_absolute_uri(reverse("api:person-detail", kwargs={"pk": PLACEHOLDER})))
    web_session_url = substituting(
        public_url(request, lang, "sessions:session_detail", meeting_slug=meeting.slug, slug=PLACEHOLDER)
    )
    photo_field = Person._meta.get_field("photo")
    people = {}

    def schedule_person(person):
        key = (person["id"], person["name"], person["biography"], person["photo"])
        entry = people.get(key)
        if entry is None:
            entry = {
                "guid": _uuid_of(api_person_url(person["id"])),
                "name": person["name"],
                "biography": person["biography"],
            }
            if person["photo"]:
                entry["avatar"] = photo_uri(request, photo_field.attr_class(None, photo_field, person["photo"]))
            people[key] = entry
        return dict(entry)

    by_date = {}
    for session in sessions:
        local_start = session["starts_at"].astimezone(tzinfo)
        by_date.setdefault(local_start.date(), []).append((session, local_start))

    days = []
    day_count = (meeting.end_date - meeting.start_date).days + 1
    for index in range(day_count):
        date = meeting.start_date + datetime.timedelta(days=index)
        day_start, day_end = local_days_bounds(date, date, tzinfo)
        by_room = {}
        for session, local_start in by_date.get(date, ()):
            pk, slug = session["id"], session["slug"]
            # No room is no room (a break in the foyer): an empty name, listed under no conference room.
            room_name = session["room"]
            if URL_SLUG.match(slug):
                web_url = web_session_url(slug)
            else:
                web_url = public_url(request, lang, "sessions:session_detail", meeting_slug=meeting.slug, slug=slug)
            api_url = api_session_url(pk)
            by_room.setdefault(room_name, []).append(
                {
                    "id": pk,
                    "guid": session_guid(session["external_id"], api_url),
                    "date": local_start.isoformat(),
                    "start": local_start.strftime("%H:%M"),
                    "duration": duration(session["starts_at"], session["ends_at"]),
                    "room": room_name,
                    "slug": f"{acronym}-{pk}-{SLUG_UNSAFE.sub('', slug.lower())}".rstrip("-_"),
                    "url": web_url or api_url,
                    "title": session["title"],
                    "subtitle": None,
                    "track": session["track"],
                    "type": session["type"],
                    # Empty: interpreted into the meeting's languages rather than held in one.
                    "language": session["language"],
                    "abstract": None,
                    "description": session["description"] or None,
                    "recording_license": "",
                    "do_not_record": None,
                    "persons": [schedule_person(person) for person in session["persons"]],
                    "links": [],
                    "attachments": [],
                }
            )
        days.append(
            {
                "index": index + 1,
                "date": date.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": day_end.isoformat(),
                "rooms": by_room,
            }
        )

    conference = {
        "acronym": acronym,
        "title": meeting.title,
        "start": meeting.start_date.isoformat(),
        "end": meeting.end_date.isoformat(),
        "daysCount": day_count,
        "timeslot_duration": "00:15",
        "url": meeting_url,
        "rooms": room_entries,
        "tracks": [{"name": name} for name in sorted({s["track"] for s in sessions if s["track"] is not None})],
        # Convene's own vocabulary, which the c3voc format has no place for: the session types with their colours.
        "meta": {
            "session_types": [
                {"code": item.code, "name": item.name, "color": item.colour, "is_break": item.is_break}
                for item in session_types
            ],
        },
        "days": days,
    }
    if TIME_ZONE_NAME.match(meeting.timezone):
        conference["time_zone_name"] = meeting.timezone
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "Convene", "version": "1.0"},
        "schedule": {
            "version": SCHEDULE_VERSION,
            "base_url": request.build_absolute_uri("/"),
            "conference": conference,
        },
    }


class MeetingScheduleView(ConveneViewMixin, GenericAPIView):
    """The meeting's public programme as a c3voc/frab schedule.json, for schedule apps such as Giggity."""

    pagination_class = None
    filter_backends = []

    @extend_schema(
        operation_id="meetings_schedule_retrieve",
        parameters=[
            OpenApiParameter(
                "photos", str, enum=["inline"], description="inline: speakers' photos as data: URIs, not addresses."
            )
        ],
        responses={200: OpenApiResponse(SCHEDULE_RESPONSE, description="schedule.json")},
    )
    def get(self, request, slug):
        return self.cached_read(request, lambda: self.schedule(request, slug))

    def schedule(self, request, slug):
        access = self.access
        meeting = get_object_or_404(Meeting.objects.visible_to(access), slug=slug)
        sessions = schedule_rows(access, meeting, self.lang or FALLBACK_LANGUAGE)
        rooms = list(Room.objects.visible_to(access).filter(meeting=meeting).order_by("ordering", "id"))
        session_types = list(SessionType.objects.visible_to(access).filter(meeting=meeting).order_by("ordering", "id"))
        with translation.override(self.lang or FALLBACK_LANGUAGE):
            data = build_schedule(request, meeting, sessions, rooms, self.lang, session_types)
        return Response(data)


IMPORT_RESPONSE = {
    "type": "object",
    "properties": {
        "format": {"type": "string", "enum": ["c3voc", "frab-xml", "indico"]},
        "language": {"type": "string", "description": "The language the texts were written in."},
        "dry_run": {"type": "boolean"},
        "counts": {
            "type": "object",
            "description": "Per kind of record (rooms, session types, tracks, people, sessions): created, updated "
            "and unchanged.",
            "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
        "warnings": {"type": "array", "items": {"type": "object"}},
    },
}
IMPORT_ERRORS = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"entry": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}


class MeetingScheduleImportView(ConveneViewMixin, GenericAPIView):
    """Replace or complete the meeting's programme from one document, atomically: a c3voc/frab/pretalx
    schedule.json, a frab/pretalx schedule.xml or an Indico timetable export. Texts are stored in `lang`."""

    model = Session
    pagination_class = None
    filter_backends = []
    parser_classes = [DocumentParser]

    @extend_schema(
        operation_id="meetings_schedule_import",
        parameters=[
            OpenApiParameter("dry_run", bool, description="Check everything and report, write nothing."),
            OpenApiParameter("format", str, enum=["auto", *FORMATS], description="Default: recognised."),
        ],
        request={
            "application/json": {"type": "object", "description": "schedule.json (c3voc) or Indico timetable JSON"},
            "application/xml": {"type": "string", "description": "frab/pretalx schedule.xml"},
        },
        responses={
            200: OpenApiResponse(IMPORT_RESPONSE, description="Imported (or, with dry_run, checked)."),
            400: OpenApiResponse(IMPORT_ERRORS, description="Refused entries, named; nothing was written."),
        },
    )
    def post(self, request, slug):
        access = self.access
        meeting = get_object_or_404(Meeting.objects.visible_to(access), slug=slug)
        for model in (Session, Room, SessionType, Person):
            for action in ("add", "change"):
                if not access.may(action, model):
                    raise PermissionDenied()
        if not access.may_write_meeting(meeting.pk):
            raise PermissionDenied(_("This API key may not change records of this meeting."))
        body = request.data
        if not isinstance(body, bytes) or not body.strip():
            raise ValidationError({"detail": _("Send the programme document as the body of the request.")})
        dry_run = request.query_params.get("dry_run", "").lower() in ("1", "true", "yes")
        try:
            programme = read_programme(body, format=request.query_params.get("format", "auto"))
            report = programme_import(
                meeting=meeting,
                programme=programme,
                language=self.lang,
                dry_run=dry_run,
                change_reason=access.change_reason,
            )
        except ProgrammeError as error:
            raise ValidationError({"detail": str(error)}) from None
        except ProgrammeImportError as error:
            errors = error.report.errors
            return Response(
                {
                    "detail": _("%(count)d entry(ies) refused: nothing was saved.") % {"count": len(errors)},
                    "errors": [{"entry": row, "message": message} for row, message in errors],
                },
                status=400,
            )
        return Response(
            {
                "format": programme.format,
                "language": report.language,
                "dry_run": dry_run,
                "counts": report.summary(),
                "warnings": [{"entry": row, "message": message} for row, message in report.warnings],
            }
        )
