"""Reads behind the agreements registry and the instrument page. Drafts and texts under negotiation never leave."""

import unicodedata

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django_countries import countries as all_countries

from agreements.models import Commitment, Instrument, Party, Signature
from meetings.models import Theme
from participants.models import Organization


def collation_key(text):
    """Sort key that ignores case and accents (“Émirats” files under E), in any script."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def registry_instruments(*, kind=None, status=None, party=None, country=None, year=None):
    """Public instruments, newest first, filtered; each with its parties and the meeting it was signed at."""
    instruments = (
        Instrument.objects.public()
        .select_related("signed_at")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization").order_by("order", "id")),
            Prefetch("signatures", queryset=Signature.objects.only("id", "instrument_id", "party_id")),
        )
        .order_by("-signed_on", "slug")
    )
    if kind:
        instruments = instruments.filter(kind=kind)
    if status:
        instruments = instruments.filter(status=status)
    if party:
        instruments = instruments.filter(parties__organization__slug=party).distinct()
    if country:
        # Codes are stored comma-separated; two letters never straddle a comma.
        instruments = instruments.filter(countries__contains=country)
    if year:
        instruments = instruments.filter(signed_on__year=year)
    return instruments


REGISTRY_PER_PAGE = 50


def registry_page(page_number=None, **filters):
    """One page of the registry (newest first), filtered as registry_instruments is: a page, not the whole registry
    of an organization that has signed hundreds."""
    return Paginator(registry_instruments(**filters), REGISTRY_PER_PAGE).get_page(page_number)


def registry_choices():
    """What the registry's filters offer: only values that some public instrument has (three queries)."""
    public = Instrument.objects.public()
    parties = Organization.objects.filter(parties__instrument__in=public).distinct().order_by("slug")
    codes = set()
    for value in public.values_list("countries", flat=True):
        codes.update(code for code in str(value or "").split(",") if code)
    years = sorted({d.year for d in public.dates("signed_on", "year")}, reverse=True)
    countries = sorted(
        ((code, all_countries.name(code)) for code in codes), key=lambda pair: collation_key(str(pair[1]))
    )
    return {"parties": list(parties), "countries": countries, "years": years}


def instrument_for_page(slug):
    signatures = Signature.objects.select_related("party__organization", "person").order_by("order", "id")
    instrument = get_object_or_404(
        Instrument.objects.public()
        .select_related("signed_at", "supersedes")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization").order_by("order", "id")),
            Prefetch("signatures", queryset=signatures),
            Prefetch("themes", queryset=Theme.objects.all()),
        ),
        slug=slug,
    )
    # A successor still in draft is nobody's business yet.
    instrument.public_successors = list(Instrument.objects.public().filter(supersedes=instrument))
    if instrument.supersedes and not instrument.supersedes.is_public:
        instrument.supersedes = None
    if instrument.signed_at and not instrument.signed_at.is_public:
        instrument.signed_at = None
    return instrument


def instruments_signed_at(meeting):
    return Instrument.objects.public().filter(signed_at=meeting).order_by("-signed_on", "slug")


def commitments_in_scope(meeting):
    """Commitments the meeting follows up: agreed at it or at an earlier meeting of its series, or carried to it."""
    scope = Q(agreed_at=meeting) | Q(updates__meeting=meeting)
    if meeting.series_id and meeting.number is not None:
        scope |= Q(agreed_at__series_id=meeting.series_id, agreed_at__number__lte=meeting.number)
    return Commitment.objects.filter(pk__in=Commitment.objects.filter(scope).values("pk"))
