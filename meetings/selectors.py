"""Reads behind the public meeting pages; every queryset arrives with what its template needs."""

import datetime
import hashlib

from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from agreements.models import Instrument
from core.access import PUBLIC
from meetings.models import Document, Meeting, Theme, Topic
from participants.models import Delegation, Organization, Participant, Person
from sessions.models import Session


def freshness(*querysets):
    """Latest `updated_at` and a fingerprint (row counts included, so deletions show) of the rows behind a page.

    One query whatever the number of querysets: a UNION ALL of one MAX/COUNT per queryset. The first queryset is
    the page's subject: when it is empty the page is a 404, which gets no validators, so (None, None).
    """
    parts, params = [], []
    for queryset in querysets:
        sql, queryset_params = queryset.order_by().values("updated_at").query.sql_with_params()
        parts.append(f"SELECT MAX(updated_at), COUNT(*) FROM ({sql}) fresh_{len(parts)}")
        params.extend(queryset_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    if not rows or rows[0][1] == 0:
        return None, None
    latest = None
    for value, _count in rows:
        if isinstance(value, str):  # SQLite hands back text, in UTC.
            value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        if value is not None and (latest is None or value > latest):
            latest = value
    fingerprint = hashlib.sha256(repr([(str(value), count) for value, count in rows]).encode()).hexdigest()[:32]
    return latest, fingerprint


def public_meetings():
    return Meeting.objects.public().select_related("series")


def meetings_for_home(*, now=None):
    """Published (and cancelled) meetings split into ongoing, upcoming and past, newest first.

    "Today" is the date in each meeting's own time zone: a meeting in Astana starts at Astana's midnight.
    """
    now = now or timezone.now()
    groups = {"ongoing": [], "upcoming": [], "past": []}
    for meeting in public_meetings().order_by("-start_date", "-id"):
        today = now.astimezone(meeting.tzinfo).date()
        if meeting.end_date < today:
            groups["past"].append(meeting)
        elif meeting.start_date > today:
            groups["upcoming"].append(meeting)
        else:
            groups["ongoing"].append(meeting)
    return groups


def public_meeting_or_404(slug):
    return get_object_or_404(public_meetings(), slug=slug)


def meeting_for_page(slug):
    """One public meeting with its themes and topics and its published documents."""
    queryset = public_meetings().prefetch_related(
        Prefetch("themes", queryset=Theme.objects.prefetch_related(Prefetch("topics", queryset=Topic.objects.all()))),
        Prefetch("documents", queryset=Document.objects.visible_to(PUBLIC), to_attr="published_documents"),
    )
    return get_object_or_404(queryset, slug=slug)


def meeting_neighbours(meeting):
    """The previous and next public meetings of the same series, in one query (numbers may have gaps)."""
    if not meeting.series_id or meeting.number is None:
        return None, None
    others = list(
        Meeting.objects.public()
        .filter(series_id=meeting.series_id, number__isnull=False)
        .exclude(pk=meeting.pk)
        .order_by("number")
    )
    previous = [other for other in others if other.number < meeting.number]
    following = [other for other in others if other.number > meeting.number]
    return (previous[-1] if previous else None), (following[0] if following else None)


def delegations_with_counts(meeting):
    """Delegations of a meeting with the number of people listed publicly in each."""
    listed = Q(participants__in=Participant.objects.visible_to(PUBLIC).values("pk"))
    return (
        Delegation.objects.filter(meeting=meeting)
        .select_related("organization")
        .annotate(listed_count=Count("participants", filter=listed))
        .order_by("ordering", "organization__slug", "id")
    )


def instruments_signed_at(meeting):
    return Instrument.objects.public().filter(signed_at=meeting).order_by("-signed_on", "slug")


def home_sources():
    return (Meeting.objects.public(),)


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
