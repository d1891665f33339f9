"""Reads behind the agenda, the session page and the calendars.

Sessions come with their meeting, room, theme (and, on a session's page, topics) and the roles of consenting
people, and each role with the position to show, in a fixed number of queries whatever the size of the programme.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.access import PUBLIC
from core.languages import language_columns, text_reader
from meetings.models import Topic
from participants.selectors import PRIVATE_PERSON_FIELDS, positions_for
from sessions.models import Session, SessionRole

# Roles that lead a session (shown as its chairs); the others speak.
UNSHOWN_ROLE_FIELDS = ("created_at", "updated_at", "person__created_at", "person__updated_at", "person__nationality")
CHAIRING_ROLES = (SessionRole.Role.CHAIR, SessionRole.Role.CO_CHAIR, SessionRole.Role.MODERATOR)
ORDER = ("starts_at", "room__ordering", "room_id", "id")


def public_sessions(meeting):
    # Private fields are never even read for a public page; nor are fields no page of a session shows.
    listed_roles = (
        SessionRole.objects.visible_to(PUBLIC)
        .select_related("person")
        .defer(*PRIVATE_PERSON_FIELDS, *UNSHOWN_ROLE_FIELDS)
    )
    return (
        Session.objects.public()
        .filter(meeting=meeting)
        .select_related("room", "theme", "type")
        .prefetch_related(Prefetch("roles", queryset=listed_roles.order_by("order", "id"), to_attr="listed_roles"))
        .order_by(*ORDER)
    )


def _attach_people(meeting, sessions, people=None):
    """Give each session `chairs` and `speakers` (roles of consenting people, each with `shown_position`).

    people: a queryset of the ids of the people listed (or more), for a long list; else their ids are collected."""
    if people is None:
        people = {role.person_id for session in sessions for role in session.listed_roles}
    positions = positions_for(people, meeting=meeting)
    for session in sessions:
        session.meeting = meeting  # Spares a query per session when a template or get_absolute_url reads it.
        for role in session.listed_roles:
            role.shown_position = positions.get(role.person_id)
        session.chairs = [role for role in session.listed_roles if role.role in CHAIRING_ROLES]
        session.speakers = [role for role in session.listed_roles if role.role not in CHAIRING_ROLES]
    return sessions


class ListedPerson:
    """A consenting person as the agenda lists them (a link and a name): read from a row rather than built as a model
    instance, as an XL agenda lists thousands (docs/PERFORMANCE.md). `str()` is `Person.__str__`."""

    __slots__ = ("name", "pk", "slug", "sort_key")

    def __init__(self, pk, slug, honorific_prefix, given_name, family_name):
        self.pk, self.slug = pk, slug
        self.name = " ".join(part for part in (honorific_prefix, given_name, family_name) if part)
        self.sort_key = (family_name.casefold(), given_name.casefold(), pk)

    def __str__(self):
        return self.name


class ListedRole:
    """A role on the agenda: who, which role, on what subject, and (once attached) the position shown."""

    __slots__ = ("person", "person_id", "role", "shown_position", "subject")

    def __init__(self, person, role, subject):
        self.person_id, self.person, self.role, self.subject = person.pk, person, role, subject
        self.shown_position = None


class AgendaItem:
    """A room, theme or session type as the agenda shows it: its id and the few fields read, from a row."""

    __slots__ = ("code", "colour", "name", "ordering", "pk", "slug")

    def __init__(self, pk, name, ordering=0, slug="", code="", colour=""):
        self.pk, self.name, self.ordering, self.slug, self.code, self.colour = pk, name, ordering, slug, code, colour

    def __str__(self):
        return self.name


class AgendaSession:
    """A session as the agenda shows it (time, room, title, link, tags, people), read from a row: an XL agenda shows
    600, with their rooms, themes and types. The attributes are the model's, under the same names."""

    __slots__ = (
        "chairs",
        "column",
        "ends_at",
        "language",
        "listed_roles",
        "meeting",
        "pk",
        "room",
        "room_id",
        "slug",
        "speakers",
        "starts_at",
        "theme",
        "theme_id",
        "title",
        "type",
        "type_id",
    )

    language_name = Session.language_name

    def __init__(self, **values):
        for name, value in values.items():
            setattr(self, name, value)


def _agenda_sessions(meeting):
    """The public sessions of a meeting in the agenda's order, with their rooms, themes and types: one query."""
    title = text_reader("title")
    names = {related: text_reader("name", prefix=f"{related}__") for related in ("room", "theme", "type")}
    rows = (
        Session.objects.public()
        .filter(meeting=meeting)
        .order_by(*ORDER)
        .values(
            "id",
            "slug",
            "starts_at",
            "ends_at",
            "language",
            "room_id",
            "room__ordering",
            "theme_id",
            "theme__slug",
            "theme__ordering",
            "type_id",
            "type__code",
            "type__colour",
            *language_columns("title"),
            *language_columns("name", prefix="room__"),
            *language_columns("name", prefix="theme__"),
            *language_columns("name", prefix="type__"),
        )
    )
    rooms, themes, types, sessions = {}, {}, {}, []
    for row in rows:
        room_id, theme_id, type_id = row["room_id"], row["theme_id"], row["type_id"]
        if room_id is not None and room_id not in rooms:
            rooms[room_id] = AgendaItem(room_id, names["room"](row), row["room__ordering"])
        if theme_id is not None and theme_id not in themes:
            themes[theme_id] = AgendaItem(
                theme_id, names["theme"](row), row["theme__ordering"], slug=row["theme__slug"]
            )
        if type_id is not None and type_id not in types:
            types[type_id] = AgendaItem(type_id, names["type"](row), code=row["type__code"], colour=row["type__colour"])
        sessions.append(
            AgendaSession(
                pk=row["id"],
                slug=row["slug"],
                title=title(row),
                starts_at=row["starts_at"],
                ends_at=row["ends_at"],
                language=row["language"],
                room_id=room_id,
                room=rooms.get(room_id),
                theme_id=theme_id,
                theme=themes.get(theme_id),
                type_id=type_id,
                type=types.get(type_id),
                meeting=meeting,
            )
        )
    return sessions


def _listed_roles(meeting):
    # The public roles of the meeting's public sessions (visible_to checks both), not a list of 600 ids.
    return SessionRole.objects.visible_to(PUBLIC).filter(session__meeting=meeting)


def _attach_listed_roles(meeting, sessions):
    """Give each of the meeting's public `sessions` `listed_roles` (roles of consenting people, in order): one
    query, rows not instances."""
    if not sessions:
        return sessions
    subject = text_reader("subject")
    honorific = text_reader("honorific_prefix", prefix="person__")
    given = text_reader("given_name", prefix="person__")
    family = text_reader("family_name", prefix="person__")
    rows = (
        _listed_roles(meeting)
        .order_by("order", "id")
        .values(
            "session_id",
            "person_id",
            "role",
            "person__slug",
            *language_columns("subject"),
            *language_columns("honorific_prefix", "given_name", "family_name", prefix="person__"),
        )
    )
    people, by_session = {}, {}
    for row in rows:
        person = people.get(row["person_id"])
        if person is None:
            person = people[row["person_id"]] = ListedPerson(
                row["person_id"], row["person__slug"], honorific(row), given(row), family(row)
            )
        by_session.setdefault(row["session_id"], []).append(ListedRole(person, row["role"], subject(row)))
    for session in sessions:
        session.listed_roles = by_session.get(session.pk, [])
    return sessions


@dataclass
class AgendaSlot:
    """Sessions that overlap in time: shown side by side, one column per room."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    sessions: list = field(default_factory=list)


@dataclass
class AgendaDay:
    date: datetime.date
    rooms: list
    slots: list = field(default_factory=list)

    @property
    def session_count(self):
        return sum(len(slot.sessions) for slot in self.slots)


def build_agenda(meeting, sessions):
    """Lay out sessions day by day (in the meeting's time zone) and, within a day, in slots of parallel sessions."""
    tz = meeting.tzinfo
    by_day = {}
    for session in sessions:
        by_day.setdefault(session.starts_at.astimezone(tz).date(), []).append(session)
    days = []
    for date in sorted(by_day):
        day_sessions = by_day[date]
        rooms = sorted(
            {session.room.pk: session.room for session in day_sessions if session.room}.values(),
            key=lambda room: (room.ordering, room.pk),
        )
        column_of = {room.pk: index for index, room in enumerate(rooms, start=1)}
        day = AgendaDay(date=date, rooms=rooms)
        for session in sorted(day_sessions, key=lambda s: (s.starts_at, column_of.get(s.room_id, 0), s.pk)):
            session.column = column_of.get(session.room_id, 0)
            slot = day.slots[-1] if day.slots else None
            if slot is not None and session.starts_at < slot.ends_at:
                slot.sessions.append(session)
                slot.ends_at = max(slot.ends_at, session.ends_at)
            else:
                day.slots.append(AgendaSlot(starts_at=session.starts_at, ends_at=session.ends_at, sessions=[session]))
        days.append(day)
    return days


@dataclass
class AgendaPage:
    """The agenda as a page shows it: its days (narrowed by the filters) and the choices of each filter."""

    days: list
    themes: list
    dates: list
    rooms: list
    speakers: list


def agenda_for_page(meeting, *, theme_slug=None, day=None, room_id=None, speaker_slug=None):
    """The agenda of a public meeting, optionally narrowed to a theme, a day, a room and a speaker (any role)."""
    sessions = _attach_listed_roles(meeting, _agenda_sessions(meeting))
    tz = meeting.tzinfo
    all_dates = sorted({session.starts_at.astimezone(tz).date() for session in sessions})
    themes = sorted(
        {session.theme.pk: session.theme for session in sessions if session.theme}.values(),
        key=lambda theme: (theme.ordering, theme.pk),
    )
    rooms = sorted(
        {session.room.pk: session.room for session in sessions if session.room}.values(),
        key=lambda room: (room.ordering, room.pk),
    )
    speakers = sorted(
        {role.person.pk: role.person for session in sessions for role in session.listed_roles}.values(),
        key=lambda person: person.sort_key,
    )
    if theme_slug:
        sessions = [session for session in sessions if session.theme and session.theme.slug == theme_slug]
    if day:
        sessions = [session for session in sessions if session.starts_at.astimezone(tz).date() == day]
    if room_id:
        sessions = [session for session in sessions if session.room_id == room_id]
    if speaker_slug:
        sessions = [s for s in sessions if any(role.person.slug == speaker_slug for role in s.listed_roles)]
    _attach_people(meeting, sessions, people=_listed_roles(meeting).values("person_id"))
    return AgendaPage(
        days=build_agenda(meeting, sessions), themes=themes, dates=all_dates, rooms=rooms, speakers=speakers
    )


def session_for_page(meeting, slug):
    # Only the session's own page lists its topics; the agenda does not read them.
    topics = Prefetch("topics", queryset=Topic.objects.order_by("ordering", "id"))
    session = get_object_or_404(public_sessions(meeting).prefetch_related(topics), slug=slug)
    _attach_people(meeting, [session])
    return session


class CalendarSession:
    """A session as a calendar shows it (portal/calendar.py), read from a row: the model's attribute names."""

    __slots__ = (
        "created_at",
        "description",
        "ends_at",
        "meeting",
        "pk",
        "room",
        "sequence",
        "slug",
        "starts_at",
        "theme",
        "title",
        "type",
        "type_id",
        "updated_at",
    )

    def __init__(self, **values):
        for name, value in values.items():
            setattr(self, name, value)


def sessions_for_calendar(meeting, *, slug=None, ids=None):
    """The public sessions of a meeting for a calendar: all, one (by slug, or a 404) or those of `ids` (a list).

    Rows rather than model instances (with their rooms, themes and types): an XL meeting's .ics holds 600 events.
    """
    sessions = Session.objects.public().filter(meeting=meeting)
    if slug is not None:
        sessions = sessions.filter(slug=slug)
    elif ids is not None:
        sessions = sessions.filter(pk__in=ids).order_by("starts_at", "pk")
    text = {name: text_reader(name) for name in ("title", "description")}
    names = {related: text_reader("name", prefix=f"{related}__") for related in ("room", "theme", "type")}
    rows = sessions.values(
        "id",
        "slug",
        "starts_at",
        "ends_at",
        "created_at",
        "updated_at",
        "sequence",
        "room_id",
        "theme_id",
        "type_id",
        *language_columns("title", "description"),
        *language_columns("name", prefix="room__"),
        *language_columns("name", prefix="theme__"),
        *language_columns("name", prefix="type__"),
    )
    items = {}

    def item(related, row):
        pk = row[f"{related}_id"]
        if pk is None:
            return None
        if (related, pk) not in items:
            items[related, pk] = AgendaItem(pk, names[related](row))
        return items[related, pk]

    result = [
        CalendarSession(
            pk=row["id"],
            slug=row["slug"],
            title=text["title"](row),
            description=text["description"](row),
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            sequence=row["sequence"],
            room=item("room", row),
            theme=item("theme", row),
            type=item("type", row),
            type_id=row["type_id"],
            meeting=meeting,
        )
        for row in rows
    ]
    if slug is not None and not result:
        raise Http404("No session matches the given query.")
    return result
