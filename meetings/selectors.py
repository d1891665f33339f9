"""Reads behind the public meeting pages; every queryset arrives with what its template needs."""

from datetime import timedelta

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.access import PUBLIC
from meetings.models import Document, Meeting, Theme, Topic


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


def current_meeting(*, now=None):
    """The meeting the secretariat works on now: the one under way, else the next one, else the latest (any status
    but cancelled). The back office's lists open filtered to it."""
    now = now or timezone.now()
    meetings = Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
    today = now.date()
    return (
        meetings.filter(end_date__gte=today - timedelta(days=1)).order_by("start_date", "id").first()
        or meetings.order_by("-start_date", "-id").first()
    )
