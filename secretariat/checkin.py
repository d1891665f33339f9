"""The check-in desk: staff scan a badge's QR code (or type its code), see the person, and mark them attended.

Admin views, wired in ParticipantAdmin.get_urls(); the camera is read with the browser's BarcodeDetector where the
browser has it (static/participants/checkin.js, no outside script), else the code is typed or read by a USB scanner.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.admin_views import staff_view_check
from meetings.models import Meeting
from participants.models import Participant
from participants.services import CheckinRefused, participant_check_in, participant_from_checkin_token


def checkin_choose_meeting_view(request, *, model_admin):
    staff_view_check(request, model_admin)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Check-in: choose the meeting"),
        "meetings": Meeting.objects.exclude(status=Meeting.Status.CANCELLED).order_by("-start_date")[:50],
    }
    return TemplateResponse(request, "admin/participants/participant/checkin_choose.html", context)


def checkin_view(request, meeting_id, *, model_admin):
    staff_view_check(request, model_admin)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    participant = refusal = None
    token = (request.POST.get("token") or "").strip()
    if request.method == "POST":
        try:
            if "check_in" in request.POST:
                already = participant_from_checkin_token(token=token, meeting=meeting).checked_in_at is not None
                participant = participant_check_in(token=token, meeting=meeting)
                report = {
                    "person": participant.person,
                    "time": timezone.localtime(participant.checked_in_at, meeting.tzinfo).strftime("%H:%M %z"),
                }
                if already:
                    messages.warning(request, _("%(person)s was already checked in, at %(time)s.") % report)
                else:
                    messages.success(request, _("%(person)s checked in at %(time)s.") % report)
            else:
                participant = participant_from_checkin_token(token=token, meeting=meeting)
        except CheckinRefused as error:
            refusal = " ".join(error.messages)
    counts = Participant.objects.filter(meeting=meeting).aggregate(
        accredited=Count("id", filter=Q(status=Participant.Status.ACCREDITED)),
        attended=Count("id", filter=Q(status=Participant.Status.ATTENDED)),
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Check-in"),
        "meeting": meeting,
        "participant": participant,
        "checked_in_at": (
            timezone.localtime(participant.checked_in_at, meeting.tzinfo)
            if participant and participant.checked_in_at
            else None
        ),
        "can_check_in": participant is not None and participant.status == Participant.Status.ACCREDITED,
        "refusal": refusal,
        "token": token if participant else "",
        "counts": counts,
    }
    return TemplateResponse(request, "admin/participants/participant/checkin.html", context)
