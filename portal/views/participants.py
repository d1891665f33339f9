"""Public pages: the list of participants of a meeting, an organization, a person."""

from django.shortcuts import render

from meetings.selectors import public_meeting_or_404
from participants import selectors
from portal import queries
from portal.conditional import conditional_page


@conditional_page(lambda request, meeting_slug: selectors.participant_list_sources(meeting_slug))
def participant_list(request, meeting_slug):
    meeting = public_meeting_or_404(meeting_slug)
    groups = selectors.listed_participants_by_delegation(meeting)
    context = {
        "meeting": meeting,
        "groups": groups,
        "total": sum(len(people) for _, people in groups),
        "nav": "meetings",
    }
    return render(request, "participants/participant_list.html", context)


@conditional_page(lambda request, slug: queries.organization_sources(slug))
def organization_detail(request, slug):
    organization = selectors.organization_for_page(slug)
    context = {"organization": organization, **queries.organization_page(organization)}
    return render(request, "participants/organization_detail.html", context)


@conditional_page(lambda request, slug: queries.person_sources(slug))
def person_detail(request, slug):
    person = selectors.person_for_page(slug)
    context = {"person": person, **queries.person_page(person)}
    return render(request, "participants/person_detail.html", context)
