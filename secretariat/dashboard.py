"""The secretariat's dashboard of one meeting: who is coming, badges, check-ins, gaps in the programme, overdue
commitments. It reads across the domain apps in a fixed number of queries, whatever the size of the meeting.
"""

from collections import Counter

from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Commitment
from agreements.selectors import commitments_in_scope
from core.admin_views import staff_view_check
from meetings.models import Meeting
from participants.models import Delegation, Participant
from secretariat import charts
from sessions.models import Session, SessionRole


def meeting_dashboard(meeting: Meeting) -> dict:
    Status = Participant.Status
    participants = Participant.objects.filter(meeting=meeting)
    totals = participants.aggregate(
        total=Count("id"),
        **{status.value: Count("id", filter=Q(status=status)) for status in Status},
        badges_assigned=Count("id", filter=Q(badge_number__isnull=False)),
        badges_printed=Count("id", filter=Q(badge_printed_at__isnull=False)),
        badges_to_print=Count(
            "id",
            filter=Q(status__in=(Status.ACCREDITED, Status.ATTENDED), badge_printed_at__isnull=True),
        ),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
    )
    delegations = (
        Delegation.objects.filter(meeting=meeting)
        .select_related("organization")
        .annotate(
            total=Count("participants"),
            heads=Count(
                "participants",
                filter=Q(participants__role=Participant.Role.HEAD_OF_DELEGATION)
                & ~Q(participants__status__in=(Status.DECLINED, Status.CANCELLED)),
            ),
            **{status.value: Count("participants", filter=Q(participants__status=status)) for status in Status},
        )
        .order_by("ordering", "organization__slug", "id")
    )
    chair_roles = (SessionRole.Role.CHAIR, SessionRole.Role.CO_CHAIR)
    sessions_without_chair = (
        Session.objects.filter(meeting=meeting)
        .exclude(type__is_break=True)
        .annotate(chairs=Count("roles", filter=Q(roles__role__in=chair_roles)))
        .filter(chairs=0)
        .select_related("room")
        .order_by("starts_at", "id")
    )
    today = timezone.localdate()
    overdue = (
        commitments_in_scope(meeting)
        .open()
        .filter(due_on__lt=today)
        .select_related("lead_organization", "theme", "agreed_at")
        .order_by("due_on", "reference", "id")
    )
    return {
        "statuses": [(status.label, totals[status.value]) for status in Status],
        "totals": totals,
        "delegations": [
            (delegation, [getattr(delegation, status.value) for status in Status]) for delegation in delegations
        ],
        "status_labels": [status.label for status in Status],
        "sessions_without_chair": list(_with_meeting(sessions_without_chair, meeting)),
        "overdue_commitments": list(overdue),
        "today": today,
        "delegations_without_head": [delegation for delegation in delegations if not delegation.heads],
        "charts": [
            pace_chart(meeting),
            funnel_chart(totals),
            commitments_chart(commitments_by_theme(meeting)),
        ],
    }


def _with_meeting(sessions, meeting):
    """The sessions with their meeting set, so that their local times cost no query."""
    for session in sessions:
        session.meeting = meeting
        yield session


def dashboard_view(request, object_id, *, model_admin):
    meeting = get_object_or_404(Meeting.objects.select_related("series"), pk=object_id)
    staff_view_check(request, model_admin, meeting)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": meeting,
        "meeting": meeting,
        "title": _("Dashboard: %(meeting)s") % {"meeting": meeting},
        **meeting_dashboard(meeting),
    }
    return TemplateResponse(request, "admin/meetings/meeting/dashboard.html", context)


# Charts ------------------------------------------------------------------------------------------------------
PACE_WEEKS = 8  # the registration chart starts this many weeks before the opening


def _days_from_opening(moments, meeting):
    """Sorted days from the meeting's opening (negative before it), in the meeting's zone."""
    return sorted((timezone.localtime(moment, meeting.tzinfo).date() - meeting.start_date).days for moment in moments)


def _cumulative(days, first_day, last_day):
    """(day, how many by the end of that day) for each day with a change, clipped to the chart's days."""
    points, count = [(first_day, sum(1 for day in days if day < first_day))], 0
    for day in days:
        count += 1
        if first_day <= day <= last_day:
            points.append((day, count))
    points.append((last_day, count))
    return points


def _registrations(meeting):
    """(created days, first accredited days) of the meeting's participants: two queries."""
    created = Participant.objects.filter(meeting=meeting).values_list("created_at", flat=True)
    accredited = (
        Participant.history.filter(meeting_id=meeting.pk, status=Participant.Status.ACCREDITED)
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("first", flat=True)
    )
    return _days_from_opening(created, meeting), _days_from_opening(accredited, meeting)


def pace_chart(meeting):
    first_day, last_day = -7 * PACE_WEEKS, (meeting.end_date - meeting.start_date).days
    registered, accredited = _registrations(meeting)
    series = [
        charts.Series(_("registered, %(meeting)s") % {"meeting": meeting.short_label}, []),
        charts.Series(_("accredited, %(meeting)s") % {"meeting": meeting.short_label}, []),
    ]
    series[0].points = _cumulative(registered, first_day, last_day)
    series[1].points = _cumulative(accredited, first_day, last_day)
    previous = meeting.previous_meeting
    if previous is not None:
        before, before_accredited = _registrations(previous)
        series.append(
            charts.Series(
                _("registered, %(meeting)s") % {"meeting": previous.short_label},
                _cumulative(before, first_day, last_day),
            )
        )
        series.append(
            charts.Series(
                _("accredited, %(meeting)s") % {"meeting": previous.short_label},
                _cumulative(before_accredited, first_day, last_day),
            )
        )
    return charts.lines(
        id="chart-pace",
        title=_("Registration and accreditation, against the previous meeting"),
        series=series,
        x_label=_("days from the opening"),
        x_ticks=[*range(first_day, 0, 7), 0, *([last_day] if last_day else [])],
        x_header=_("days from the opening"),
    )


def funnel_chart(totals):
    Status = Participant.Status
    reached = {
        Status.INVITED: totals["total"] - totals[Status.DECLINED] - totals[Status.CANCELLED],
        Status.REGISTERED: totals[Status.REGISTERED] + totals[Status.ACCREDITED] + totals[Status.ATTENDED],
        Status.ACCREDITED: totals[Status.ACCREDITED] + totals[Status.ATTENDED],
        Status.ATTENDED: totals[Status.ATTENDED],
        Status.DECLINED: totals[Status.DECLINED],
        Status.CANCELLED: totals[Status.CANCELLED],
    }
    return charts.bars(
        id="chart-funnel",
        title=_("How far participants got: invited, registered, accredited, attended"),
        rows=[(str(status.label), [count]) for status, count in reached.items()],
        parts=[_("participants")],
        row_header=_("status"),
    )


def commitments_chart(status_counts_by_theme, *, id="chart-commitments"):
    """Commitments by status per theme; ``status_counts_by_theme`` is [(theme name, Counter of status values)]."""
    statuses = list(Commitment.Status)
    return charts.bars(
        id=id,
        title=_("Commitments by status, per theme"),
        rows=[(name, [counts.get(status.value, 0) for status in statuses]) for name, counts in status_counts_by_theme],
        parts=[str(status.label) for status in statuses],
        row_header=_("theme"),
    )


def commitments_by_theme(meeting):
    counts = {}
    rows = (
        commitments_in_scope(meeting)
        .values("theme__name", "status")
        .annotate(count=Count("id"))
        .order_by("theme__ordering", "theme__name", "status")
    )
    for row in rows:
        counts.setdefault(row["theme__name"] or _("no theme"), Counter())[row["status"]] += row["count"]
    return list(counts.items())
