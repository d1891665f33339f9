"""Reads behind the public participant, organization and person pages.

Only people who consented (`listed_publicly`) ever leave these functions, and only the fields the templates show
are used; email, phone, badge number and notes are never read for a public page.
"""

from django.db.models import F
from django.shortcuts import get_object_or_404

from agreements.models import Instrument, Party, Signature
from core.access import PUBLIC
from meetings.models import Meeting
from participants.models import Delegation, Organization, Participant, Person, Position

PRIVATE_PERSON_FIELDS = ("person__email", "person__phone", "person__notes")


def listed_participants_by_delegation(meeting):
    """[(delegation, [participant, …]), …]: consenting people only, head of delegation first (one query)."""
    participants = (
        Participant.objects.filter(meeting=meeting)
        .visible_to(PUBLIC)
        .in_protocol_order()
        .select_related("delegation__organization", "person", "position__organization")
        .defer("notes", "badge_number", "checkin_key", *PRIVATE_PERSON_FIELDS)
    )
    groups = []
    for participant in participants:
        if not groups or groups[-1][0].pk != participant.delegation_id:
            groups.append((participant.delegation, []))
        groups[-1][1].append(participant)
    return groups


def positions_for(person_ids, *, meeting=None):
    """{person_id: Position}: the position held at `meeting` if the person attended it, else the current one.

    Two queries whatever the number of people.
    """
    person_ids = set(person_ids)
    chosen = {}
    if meeting is not None and person_ids:
        for participant in Participant.objects.filter(
            meeting=meeting, person_id__in=person_ids, position__isnull=False
        ).select_related("position__organization"):
            chosen[participant.person_id] = participant.position
    missing = person_ids - chosen.keys()
    if missing:
        positions = Position.objects.filter(person_id__in=missing).select_related("organization")
        on = meeting.start_date if meeting is not None else None
        for position in positions.order_by("person_id", "-start_date", "-id"):
            if position.person_id in chosen:
                continue
            if on is None and position.end_date is not None:
                continue
            if on is not None and position.end_date is not None and position.end_date < on:
                continue
            if on is not None and position.start_date is not None and position.start_date > on:
                continue
            chosen[position.person_id] = position
    return chosen


def participant_list_sources(meeting_slug):
    meetings = Meeting.objects.public().filter(slug=meeting_slug)
    return (
        meetings,
        Delegation.objects.filter(meeting__in=meetings),
        Participant.objects.filter(meeting__in=meetings),
        Person.objects.filter(participations__meeting__in=meetings),
        Position.objects.filter(participations__meeting__in=meetings),
        Organization.objects.filter(delegations__meeting__in=meetings),
    )


def organization_for_page(slug):
    return get_object_or_404(Organization.objects.select_related("parent"), slug=slug)


def organization_page(organization):
    """What an organization page lists, each a list built in a fixed number of queries."""
    from sessions.models import SessionRole

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


def person_for_page(slug):
    return get_object_or_404(Person.objects.listed(), slug=slug)


def person_page(person):
    from sessions.models import SessionRole

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
    from sessions.models import Session, SessionRole

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
