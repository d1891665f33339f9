"""iCalendar (RFC 5545) files for a meeting's agenda and for one session, in the requested language.

Times are written in UTC (`…Z`), which every calendar places at the right instant; the UID of a session never
changes, and SEQUENCE/LAST-MODIFIED follow the secretariat's edits so that calendars replace the old event.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Event

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
    return value.astimezone(datetime.UTC)


def session_event(session, *, url=""):
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", _utc(session.updated_at))
    event.add("last-modified", _utc(session.updated_at))
    event.add("created", _utc(session.created_at))
    event.add("sequence", session.sequence)
    event.add("dtstart", _utc(session.starts_at))
    event.add("dtend", _utc(session.ends_at))
    event.add("summary", session.title)
    event.add("description", session_description(session, url))
    location = session_location(session)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED")
    return event


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
    for session in sessions:
        calendar.add_component(session_event(session, url=url_for(session)))
    return calendar.to_ical()
