"""A meeting's workspace: every tool of the secretariat for one meeting, on one page, in the order of the work.

`meeting_tools` is the one list of those tools: the workspace page, the admin's home page and the meeting's change
form all show it.
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core.admin_views import staff_view_check
from meetings.models import Meeting
from meetings.selectors import current_meeting


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    url: str


def meeting_tools(meeting: Meeting) -> list[Tool]:
    meeting_filter = f"?meeting__id__exact={meeting.pk}"
    return [
        Tool(
            _("Dashboard"),
            _("Registration, accreditation and commitments, in charts."),
            reverse("admin:meetings_meeting_dashboard", args=[meeting.pk]),
        ),
        Tool(
            _("Import participants"),
            _("A list in CSV or XLSX, headers in English, French or Arabic."),
            reverse("admin:participants_participant_import") + f"?meeting={meeting.pk}",
        ),
        Tool(
            _("Participants and badges"),
            _("Register, accredit, print badges, list publicly."),
            reverse("admin:participants_participant_changelist") + meeting_filter,
        ),
        Tool(
            _("Sessions"),
            _("The programme, in the meeting's time zone."),
            reverse("admin:working_sessions_session_changelist") + meeting_filter,
        ),
        Tool(
            _("Check-in"),
            _("The desk: scan or type the badge's code, or find the person by name."),
            reverse("admin:participants_participant_checkin", args=[meeting.pk]),
        ),
        Tool(
            _("Export the list of participants"),
            _("PDF, XLSX or CSV, in English, French or Arabic."),
            reverse("admin:participants_participant_export") + f"?meeting={meeting.pk}",
        ),
        Tool(
            _("Follow-up of commitments"),
            _("The report on what was agreed, by theme."),
            reverse("admin:agreements_commitment_followup", args=[meeting.pk]),
        ),
        Tool(
            _("Prepare next meeting"),
            _("A draft of the next meeting of the series, with the commitments carried forward."),
            reverse("admin:meetings_meeting_prepare_next", args=[meeting.pk]),
        ),
        Tool(
            _("Edit the meeting"),
            _("Dates, venue, time zone, delegations, rooms, documents."),
            reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        ),
    ]


def workspace_view(request, object_id, *, model_admin):
    meeting = get_object_or_404(Meeting.objects.select_related("series"), pk=object_id)
    staff_view_check(request, model_admin, meeting)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": meeting,
        "meeting": meeting,
        "title": _("Workspace: %(meeting)s") % {"meeting": meeting},
        "tools": meeting_tools(meeting),
    }
    return TemplateResponse(request, "admin/meetings/meeting/workspace.html", context)


def current_meeting_tools():
    """(meeting, tools) of the meeting at hand, for the admin's home page; (None, []) before any meeting."""
    meeting = current_meeting()
    return (meeting, meeting_tools(meeting)) if meeting else (None, [])
