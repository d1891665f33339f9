"""Reads behind the public pages that cross the domain apps: a meeting page lists delegations and instruments, an
organization or person page lists session roles and signatures. The domain apps' own selectors read only their app
and those below it; what needs several apps above one another is here, in the portal, which may know them all.
"""

from django.db.models import F

from agreements.models import Instrument, Signature
from core.access import PUBLIC
from participants.models import Delegation, Participant, Position
from sessions.models import SessionRole


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
