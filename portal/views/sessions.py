"""Public pages: a meeting's agenda (as a list or a time grid), a session, and their iCalendar files."""

import datetime

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.addresses import PLACEHOLDER, URL_SLUG, substituting
from meetings.selectors import public_meeting_or_404
from portal.agenda import grid_days
from portal.calendar import build_calendar
from portal.conditional import meeting_page
from sessions import selectors

MAX_SESSIONS_IN_A_CALENDAR = 200


def _parse_day(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _parse_id(value):
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@meeting_page()
def agenda(request, meeting_slug):
    meeting = public_meeting_or_404(meeting_slug)
    filters = {
        "theme_slug": request.GET.get("theme") or None,
        "day": _parse_day(request.GET.get("day")),
        "room_id": _parse_id(request.GET.get("room")),
        "speaker_slug": request.GET.get("speaker") or None,
    }
    page = selectors.agenda_for_page(meeting, **filters)
    view = "grid" if request.GET.get("view") == "grid" else "list"
    ics_url = request.build_absolute_uri(reverse("sessions:agenda_ics", kwargs={"meeting_slug": meeting.slug}))
    context = {
        "meeting": meeting,
        "days": page.days,
        "grid": grid_days(page.days, meeting.tzinfo) if view == "grid" else None,
        "view": view,
        "themes": page.themes,
        "dates": page.dates,
        "rooms": page.rooms,
        "speakers": page.speakers,
        "selected_theme": filters["theme_slug"],
        "selected_day": filters["day"],
        "selected_room": filters["room_id"],
        "selected_speaker": filters["speaker_slug"],
        "is_filtered": any(filters.values()),
        "subscribe_url": "webcal://" + ics_url.split("://", 1)[1],
        "nav": "meetings",
    }
    return render(request, "sessions/agenda.html", context)


@meeting_page()
def session_detail(request, meeting_slug, slug):
    meeting = public_meeting_or_404(meeting_slug)
    session = selectors.session_for_page(meeting, slug)
    return render(request, "sessions/session_detail.html", {"meeting": meeting, "session": session, "nav": "meetings"})


def _calendar_response(request, meeting, sessions, filename):
    # The session page's address reversed once, each slug put in (core/addresses.py).
    page = substituting(
        request.build_absolute_uri(
            reverse("sessions:session_detail", kwargs={"meeting_slug": meeting.slug, "slug": PLACEHOLDER})
        )
    )

    def url_for(session):
        if URL_SLUG.match(session.slug):
            return page(session.slug)
        return request.build_absolute_uri(
            reverse("sessions:session_detail", kwargs={"meeting_slug": meeting.slug, "slug": session.slug})
        )

    body = build_calendar(meeting, sessions, url_for=url_for)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _session_ids(value):
    """`?sessions=3,5,8` (a delegate's own agenda) as a list of ids, or None when absent; ValueError when bad."""
    if value is None:
        return None
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if not ids or len(ids) > MAX_SESSIONS_IN_A_CALENDAR or not all(part.isdigit() and len(part) < 10 for part in ids):
        raise ValueError(value)
    return sorted({int(part) for part in ids})


@meeting_page()
def agenda_ics(request, meeting_slug):
    """The whole agenda, or with `?sessions=` a delegate's own selection; either is a feed a calendar can follow."""
    meeting = public_meeting_or_404(meeting_slug)
    try:
        ids = _session_ids(request.GET.get("sessions"))
    except ValueError:
        message = _("sessions: give the numbers of up to %(count)s sessions, separated by commas (e.g. 3,5,8).") % {
            "count": MAX_SESSIONS_IN_A_CALENDAR
        }
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    sessions = selectors.sessions_for_calendar(meeting, ids=ids)
    filename = f"{meeting.slug}.ics" if ids is None else f"{meeting.slug}-my-agenda.ics"
    return _calendar_response(request, meeting, sessions, filename)


@meeting_page()
def session_ics(request, meeting_slug, slug):
    meeting = public_meeting_or_404(meeting_slug)
    sessions = selectors.sessions_for_calendar(meeting, slug=slug)
    return _calendar_response(request, meeting, sessions, f"{meeting.slug}-{slug}.ics")
