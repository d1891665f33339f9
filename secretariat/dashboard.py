"""The secretariat's dashboard of one meeting: who is coming, badges, check-ins, gaps in the programme, overdue
commitments. It reads across the domain apps in a fixed number of queries, whatever the size of the meeting.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.selectors import commitments_in_scope
from core.admin_views import staff_view_check
from meetings.models import Meeting
from participants.models import Delegation, Participant
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
    }


def _with_meeting(sessions, meeting):
    """The sessions with their meeting set, so that their local times cost no query."""
    for session in sessions:
        session.meeting = meeting
        yield session


def dashboard_view(request, object_id, *, model_admin):
    meeting = get_object_or_404(Meeting, pk=object_id)
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
