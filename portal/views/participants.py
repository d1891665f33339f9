"""Public pages: the list of participants of a meeting, an organization, a person."""

from django.shortcuts import render

from meetings.selectors import public_meeting_or_404
from participants import selectors
from portal import queries
from portal.conditional import meeting_page, site_page


@meeting_page()
def participant_list(request, meeting_slug):
    meeting = public_meeting_or_404(meeting_slug)
    query = request.GET.get("q", "").strip()[:100]
    page, groups = selectors.listed_participants_page(meeting, query=query, page_number=request.GET.get("page"))
    context = {
        "meeting": meeting,
        "page": page,
        "groups": groups,
        "query": query,
        "total": page.paginator.count,
        "nav": "meetings",
    }
    return render(request, "participants/participant_list.html", context)


@site_page()
def organization_detail(request, slug):
    organization = selectors.organization_for_page(slug)
    context = {"organization": organization, **queries.organization_page(organization)}
    return render(request, "participants/organization_detail.html", context)


@site_page()
def person_detail(request, slug):
    person = selectors.person_for_page(slug)
    context = {"person": person, **queries.person_page(person)}
    return render(request, "participants/person_detail.html", context)
