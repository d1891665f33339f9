"""Reads behind the public participant, organization and person pages.

Only people who consented (`listed_publicly`) ever leave these functions, and only the fields the templates show
are used; email, phone, badge number and notes are never read for a public page.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from core.access import PUBLIC
from core.languages import language_columns, text_reader
from participants.models import Delegation, Organization, Participant, Person, Position

PRIVATE_PERSON_FIELDS = ("person__email", "person__phone", "person__notes")


PARTICIPANTS_PER_PAGE = 200
NAME_FIELDS = [
    f"{prefix}__{name}_{language}"
    for prefix, names in (("person", ("given_name", "family_name")), ("delegation__organization", ("name", "acronym")))
    for name in names
    for language in ("en", "fr", "ar")
]


# What the list shows of each participant (every language of each text), and nothing private.
LISTED_FIELDS = (
    "role",
    "delegation__role",
    "delegation__organization__slug",
    *language_columns("name", prefix="delegation__organization__"),
    "person__slug",
    *language_columns("honorific_prefix", "given_name", "family_name", prefix="person__"),
    *language_columns("title", prefix="position__"),
)


def listed_participants(meeting, *, query=""):
    """Consenting people only; `query` keeps those whose name or delegation has every word.

    Unordered and without select_related: the caller sorts and reads what it shows."""
    participants = Participant.objects.filter(meeting=meeting).visible_to(PUBLIC)
    for word in query.split()[:10]:
        matches = Q()
        for field in NAME_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        participants = participants.filter(matches)
    return participants


def listed_participants_page(meeting, *, query="", page_number=1):
    """(page, [(delegation, [participant, …]), …]): one page of the list, head of delegation first, grouped by
    delegation (two queries: the count, then the page).

    A page is found by sorting every listed participant of the meeting, 10,000 at a time in an XL meeting. The sort
    reads only the narrow keys (indexes Participant.Meta and Person.Meta hold all of them), and yields the page's ids;
    the fields shown are read for those ids alone (a "late row lookup"). Each participant carries `role_label`, its
    role in the active language, translated once per role, not once per person as get_role_display would.
    """
    ids = listed_participants(meeting, query=query).in_protocol_order().values("pk")
    page = Paginator(ids, PARTICIPANTS_PER_PAGE).get_page(page_number)
    participants = (
        Participant.objects.filter(pk__in=page.object_list)
        .in_protocol_order()
        .select_related("delegation__organization", "person", "position")
        .only(*LISTED_FIELDS)
    )
    role_labels = {role: str(label) for role, label in Participant.Role.choices}
    groups = []
    for participant in participants:
        participant.role_label = role_labels.get(participant.role, participant.role)
        if not groups or groups[-1][0].pk != participant.delegation_id:
            groups.append((participant.delegation, []))
        groups[-1][1].append(participant)
    return page, groups


class ShownPosition:
    """A position as a page shows it beside a name: its title and its organization, as `str()` of each model gives
    them in the active language. Read from a row: an XL agenda shows thousands."""

    __slots__ = ("organization", "title")

    def __init__(self, title, organization):
        self.title, self.organization = title, organization

    def __str__(self):
        return f"{self.title}, {self.organization}"


def positions_for(people, *, meeting=None):
    """{person_id: ShownPosition}: the position held at `meeting` if the person attended it, else the current one.

    `people`: their ids, or, for a long list, a queryset of their ids, which the database reads as a subquery (the
    thousands of ids of an XL agenda cost more to bind into a query than the query costs to run). One query whatever
    the number of people, reading rows (not instances) of the few columns shown.
    """
    if not isinstance(people, QuerySet):
        people = set(people)
        if not people:
            return {}
    title = text_reader("title")
    name = text_reader("name", prefix="organization__")
    acronym = text_reader("acronym", prefix="organization__")
    fields = ["person_id", "start_date", "end_date", *language_columns("title")]
    fields += language_columns("name", "acronym", prefix="organization__")
    positions = Position.objects.filter(person_id__in=people)
    order = ["person_id", "-start_date", "-id"]
    on = None
    if meeting is not None:
        on = meeting.start_date
        # A participation names a position of the participant's own (Participant.clean): the one held at the meeting.
        positions = positions.annotate(
            held=Exists(Participant.objects.filter(meeting=meeting, position=OuterRef("pk")))
        )
        fields.append("held")
        order.insert(1, "-held")
    chosen = {}
    for row in positions.order_by(*order).values(*fields):
        person_id, start, end = row["person_id"], row["start_date"], row["end_date"]
        if person_id in chosen:
            continue
        # Held on the meeting's first day; without a meeting, held now.
        current = end is None if on is None else (start is None or start <= on) and (end is None or end >= on)
        if row.get("held") or current:
            chosen[person_id] = ShownPosition(title(row), acronym(row) or name(row))
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
