"""Reads behind the public participant, organization and person pages.

Only people who consented (`listed_publicly`) ever leave these functions, and only the fields the templates show
are used; email, phone, badge number and notes are never read for a public page.
"""

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404

from core.access import PUBLIC
from participants.models import Delegation, Organization, Participant, Person, Position

PRIVATE_PERSON_FIELDS = ("person__email", "person__phone", "person__notes")
# What a page showing a position never reads: not loading it spares a conversion per row on long lists.
UNSHOWN_POSITION_FIELDS = (
    "created_at",
    "updated_at",
    "organization__created_at",
    "organization__updated_at",
    "organization__country",
)


PARTICIPANTS_PER_PAGE = 200
NAME_FIELDS = [
    f"{prefix}__{name}_{language}"
    for prefix, names in (("person", ("given_name", "family_name")), ("delegation__organization", ("name", "acronym")))
    for name in names
    for language in ("en", "fr", "ar")
]


def listed_participants(meeting, *, query=""):
    """Consenting people only, head of delegation first; `query` keeps those whose name or delegation has every word."""
    participants = (
        Participant.objects.filter(meeting=meeting)
        .visible_to(PUBLIC)
        .in_protocol_order()
        .select_related("delegation__organization", "person", "position__organization")
        .defer("notes", "badge_number", "checkin_key", *PRIVATE_PERSON_FIELDS)
    )
    for word in query.split()[:10]:
        matches = Q()
        for field in NAME_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        participants = participants.filter(matches)
    return participants


def listed_participants_page(meeting, *, query="", page_number=1):
    """(page, [(delegation, [participant, …]), …]): one page of the list, grouped by delegation (two queries)."""
    page = Paginator(listed_participants(meeting, query=query), PARTICIPANTS_PER_PAGE).get_page(page_number)
    groups = []
    for participant in page.object_list:
        if not groups or groups[-1][0].pk != participant.delegation_id:
            groups.append((participant.delegation, []))
        groups[-1][1].append(participant)
    return page, groups


def positions_for(person_ids, *, meeting=None):
    """{person_id: Position}: the position held at `meeting` if the person attended it, else the current one.

    Two queries whatever the number of people.
    """
    person_ids = set(person_ids)
    chosen = {}
    if meeting is not None and person_ids:
        # The positions themselves, not the participations: a page shows thousands, and only the position counts.
        held = (
            Position.objects.filter(participations__meeting=meeting, participations__person_id__in=person_ids)
            .annotate(attendee_id=F("participations__person_id"))
            .select_related("organization")
            .defer(*UNSHOWN_POSITION_FIELDS)
        )
        for position in held:
            chosen[position.attendee_id] = position
    missing = person_ids - chosen.keys()
    if missing:
        positions = (
            Position.objects.filter(person_id__in=missing)
            .select_related("organization")
            .defer(*UNSHOWN_POSITION_FIELDS)
        )
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


DESK_RESULTS = 20


def participants_for_desk(meeting, *, query: str):
    """The check-in desk's lookup: a badge number, or every word found in the person's or delegation's names."""
    participants = Participant.objects.filter(meeting=meeting).select_related(
        "person", "delegation__organization", "meeting"
    )
    words = query.split()[:6]
    if not words:
        return participants.none()
    if len(words) == 1 and words[0].isdigit():
        return participants.filter(badge_number=int(words[0]))[:DESK_RESULTS]
    for word in words:
        matches = Q()
        for field in NAME_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        participants = participants.filter(matches)
    return participants.order_by("person__family_name", "person__given_name", "id")[:DESK_RESULTS]
