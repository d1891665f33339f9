"""iCalendar (RFC 5545) files for a meeting's agenda and for one session, in the requested language.

Times are written in UTC (`…Z`), which every calendar places at the right instant; the UID of a session never
changes, and SEQUENCE/LAST-MODIFIED follow the secretariat's edits so that calendars replace the old event.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar

PRODUCT_ID = "-//Convene//Meeting agenda//EN"
UID_DOMAIN = "convene.sessions"


def session_uid(session):
    return f"session-{session.pk}@{UID_DOMAIN}"


def session_location(session):
    meeting = session.meeting
    parts = [session.room.name if session.room else "", meeting.venue, meeting.city]
    return pgettext("list separator", ", ").join(part for part in parts if part)


def session_description(session, url):
    lines = [session.type.name] if session.type_id else []
    if session.theme:
        lines.append(_("Theme: %(theme)s") % {"theme": session.theme.name})
    if session.description:
        lines.append(session.description)
    lines.append(str(session.meeting.title))
    if url:
        lines.append(url)
    return "\n\n".join(lines)


def _utc(value):
    """An aware datetime as iCalendar writes it in UTC: 20260601T030000Z."""
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value):
    """A TEXT value escaped as RFC 5545 says (and as icalendar's vText does: the same replacements, in order)."""
    return (
        str(value)
        .replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _fold(line, limit=75):
    """A content line folded at 75 octets (RFC 5545 3.1), where icalendar folds it: a line is cut before the
    character that would make it 75 octets long, and never just after a backslash that starts an escape."""
    if len(line) < limit and (line.isascii() or len(line.encode()) < limit):
        return line
    parts, current, size = [], [], 0
    for char in line:
        length = 1 if char.isascii() else len(char.encode())
        if current and size + length >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, size = [carried], len(carried.encode())
            else:
                parts.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += length
    parts.append("".join(current))
    return "\r\n ".join(parts)


def session_event(session, *, url=""):
    """One VEVENT as text lines, written directly: through icalendar, 60 % of an XL agenda's .ics went into its
    property objects and line folding (docs/PERFORMANCE.md). Its properties in icalendar's order (SUMMARY, DTSTART,
    DTEND, DTSTAMP, UID, SEQUENCE, then the others alphabetically), so that the file is the one it wrote."""
    updated = _utc(session.updated_at)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(session.title)}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"DTSTAMP:{updated}",
        f"UID:{_text(session_uid(session))}",
        f"SEQUENCE:{int(session.sequence)}",
        f"CREATED:{_utc(session.created_at)}",
        f"DESCRIPTION:{_text(session_description(session, url))}",
        f"LAST-MODIFIED:{updated}",
    ]
    location = session_location(session)
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    lines.append("STATUS:CONFIRMED")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return "".join(_fold(line) + "\r\n" for line in lines)


def build_calendar(meeting, sessions, *, url_for=lambda session: ""):
    """The bytes of a VCALENDAR holding one VEVENT per session."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", str(meeting.title))
    calendar.add("x-wr-timezone", meeting.timezone)
    # A subscribed calendar (webcal://) asks again every hour, so it follows the secretariat's changes.
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    # The calendar's own lines from icalendar, the events (the bulk of the file) written here, before its end.
    head, end, _rest = calendar.to_ical().rpartition(b"END:VCALENDAR")
    events = "".join(session_event(session, url=url_for(session)) for session in sessions)
    return head + events.encode() + end + _rest
