"""Public pages: a meeting's agenda, a session, and their iCalendar files."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render

from meetings.selectors import public_meeting_or_404
from portal.calendar import build_calendar
from portal.conditional import meeting_page
from sessions import selectors


def _parse_day(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@meeting_page()
def agenda(request, meeting_slug):
    meeting = public_meeting_or_404(meeting_slug)
    theme_slug = request.GET.get("theme") or None
    day = _parse_day(request.GET.get("day"))
    days, themes, dates = selectors.agenda_for_page(meeting, theme_slug=theme_slug, day=day)
    context = {
        "meeting": meeting,
        "days": days,
        "themes": themes,
        "dates": dates,
        "selected_theme": theme_slug,
        "selected_day": day,
        "is_filtered": bool(theme_slug or day),
        "nav": "meetings",
    }
    return render(request, "sessions/agenda.html", context)


@meeting_page()
def session_detail(request, meeting_slug, slug):
    meeting = public_meeting_or_404(meeting_slug)
    session = selectors.session_for_page(meeting, slug)
    return render(request, "sessions/session_detail.html", {"meeting": meeting, "session": session, "nav": "meetings"})


def _calendar_response(request, meeting, sessions, filename):
    body = build_calendar(
        meeting, sessions, url_for=lambda session: request.build_absolute_uri(session.get_absolute_url())
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@meeting_page()
def agenda_ics(request, meeting_slug):
    meeting = public_meeting_or_404(meeting_slug)
    sessions = selectors.sessions_for_calendar(meeting)
    return _calendar_response(request, meeting, sessions, f"{meeting.slug}.ics")


@meeting_page()
def session_ics(request, meeting_slug, slug):
    meeting = public_meeting_or_404(meeting_slug)
    sessions = selectors.sessions_for_calendar(meeting, slug=slug)
    return _calendar_response(request, meeting, sessions, f"{meeting.slug}-{slug}.ics")
