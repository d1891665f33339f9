"""Reads behind the public pages that cross the domain apps: a meeting page lists delegations and instruments, an
organization or person page lists session roles and signatures, the freshness of a page measures rows of every
app it shows. The domain apps' own selectors read only their app and those below it; what needs several apps
above one another is here, in the portal, which may know them all.
"""

from django.db.models import F

from agreements.models import Instrument, Party, Signature
from core.access import PUBLIC
from meetings.models import Document, Meeting, Theme, Topic
from participants.models import Delegation, Organization, Participant, Person, Position
from sessions.models import Session, SessionRole


def meeting_sources(slug):
    meetings = Meeting.objects.public().filter(slug=slug)
    return (
        meetings,
        Theme.objects.filter(meetings__in=meetings),
        Topic.objects.filter(theme__meetings__in=meetings),
        Document.objects.filter(meeting__in=meetings),
        Delegation.objects.filter(meeting__in=meetings),
        Organization.objects.filter(delegations__meeting__in=meetings),
        Participant.objects.filter(meeting__in=meetings),
        Person.objects.filter(participations__meeting__in=meetings),
        Instrument.objects.filter(signed_at__in=meetings),
        Meeting.objects.filter(series__meetings__in=meetings),
    )


def search_sources():
    return (
        Meeting.objects.all(),
        Session.objects.all(),
        Person.objects.all(),
        Organization.objects.all(),
        Instrument.objects.all(),
    )


def organization_page(organization):
    """What an organization page lists, each a list built in a fixed number of queries."""
    positions = list(
        Position.objects.visible_to(PUBLIC)
        .filter(organization=organization)
        .select_related("person")
        .order_by("end_date", "person__family_name_en", "id")
    )
    delegations = list(
        Delegation.objects.visible_to(PUBLIC)
        .filter(organization=organization)
        .select_related("meeting")
        .order_by("-meeting__start_date", "id")
    )
    # Sessions at which someone spoke for this organization: a public role of a person of its delegation.
    roles = list(
        SessionRole.objects.visible_to(PUBLIC)
        .filter(
            person__participations__delegation__organization=organization,
            person__participations__meeting=F("session__meeting"),
        )
        .select_related("session__meeting", "person")
        .order_by("session__starts_at", "order", "id")
        .distinct()
    )
    instruments = list(
        Instrument.objects.public()
        .filter(parties__organization=organization)
        .select_related("signed_at")
        .order_by("-signed_on", "slug")
        .distinct()
    )
    return {
        "positions": positions,
        "delegations": delegations,
        "roles": roles,
        "instruments": instruments,
        "children": list(organization.children.order_by("slug")),
    }


def organization_sources(slug):
    organizations = Organization.objects.filter(slug=slug)
    return (
        organizations,
        Organization.objects.filter(children__in=organizations),
        Organization.objects.filter(parent__in=organizations),
        Meeting.objects.filter(delegations__organization__in=organizations),
        Position.objects.filter(organization__in=organizations),
        Delegation.objects.filter(organization__in=organizations),
        Party.objects.filter(organization__in=organizations),
        Instrument.objects.filter(parties__organization__in=organizations),
        Person.objects.filter(positions__organization__in=organizations),
    )


def person_page(person):
    positions = list(person.positions.select_related("organization").order_by("end_date", "-start_date", "id"))
    participations = list(
        Participant.objects.visible_to(PUBLIC)
        .filter(person=person)
        .select_related("meeting", "delegation__organization", "position__organization")
        .order_by("-meeting__start_date", "id")
    )
    roles = list(
        SessionRole.objects.visible_to(PUBLIC)
        .filter(person=person)
        .select_related("session__meeting", "session__room")
        .order_by("-session__starts_at", "order", "id")
    )
    signatures = list(
        Signature.objects.visible_to(PUBLIC)
        .filter(person=person)
        .select_related("instrument", "party__organization")
        .order_by("-signed_on", "id")
    )
    return {"positions": positions, "participations": participations, "roles": roles, "signatures": signatures}


def person_sources(slug):
    people = Person.objects.listed().filter(slug=slug)
    return (
        people,
        Position.objects.filter(person__in=people),
        Organization.objects.filter(positions__person__in=people),
        Participant.objects.filter(person__in=people),
        Meeting.objects.filter(participants__person__in=people),
        SessionRole.objects.filter(person__in=people),
        Session.objects.filter(roles__person__in=people),
        Signature.objects.filter(person__in=people),
        Instrument.objects.filter(signatures__person__in=people),
    )
