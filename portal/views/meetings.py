"""Public pages: home, meeting, site search."""

from django.shortcuts import render

from agreements import selectors as instrument_selectors
from meetings import selectors
from participants import selectors as participant_selectors
from portal.conditional import meeting_page, site_page
from portal.search import search_site
from sessions import selectors as session_selectors


@site_page(hourly=True)
def home(request):
    return render(request, "meetings/home.html", {"groups": selectors.meetings_for_home(), "nav": "meetings"})


@meeting_page(kwarg="slug")
def meeting_detail(request, slug):
    meeting = selectors.meeting_for_page(slug)
    previous_meeting, next_meeting = selectors.meeting_neighbours(meeting)
    delegations = list(participant_selectors.delegations_with_counts(meeting))
    context = {
        "meeting": meeting,
        "previous_meeting": previous_meeting,
        "next_meeting": next_meeting,
        "delegations": delegations,
        "conveners": [d for d in delegations if d.role == d.Role.CONVENER],
        "hosts": [d for d in delegations if d.role == d.Role.HOST],
        "listed_total": sum(d.listed_count for d in delegations),
        "instruments": instrument_selectors.instruments_signed_at(meeting),
        # For "now / next", which the browser works out (static/js/agenda.js): the page itself never depends on time.
        "schedule": session_selectors.sessions_for_calendar(meeting),
        "nav": "meetings",
    }
    return render(request, "meetings/meeting_detail.html", context)


@site_page()
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_site(query) if query else None
    return render(request, "meetings/search.html", {"query": query, "results": results})
