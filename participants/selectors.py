"""Reads behind the public participant, organization and person pages.

Only people who consented (`listed_publicly`) ever leave these functions, and only the fields the templates show
are used; email, phone, badge number and notes are never read for a public page.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from core.access import PUBLIC
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


def organization_for_page(slug):
    return get_object_or_404(Organization.objects.select_related("parent"), slug=slug)


def person_for_page(slug):
    return get_object_or_404(Person.objects.listed(), slug=slug)


def delegations_with_counts(meeting):
    """Delegations of a meeting with the number of people listed publicly in each."""
    listed = Q(participants__in=Participant.objects.visible_to(PUBLIC).values("pk"))
    return (
        Delegation.objects.filter(meeting=meeting)
        .select_related("organization")
        .annotate(listed_count=Count("participants", filter=listed))
        .order_by("ordering", "organization__slug", "id")
    )
