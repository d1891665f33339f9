"""The check-in desk, on any phone: scan a badge's QR code, or type the short code printed under it, or look the
person up by name or badge number; one tap checks them in.

Admin views, wired in ParticipantAdmin.get_urls(). The camera is read with the browser's BarcodeDetector, or else
with jsQR shipped in static/vendor/ (static/participants/checkin.js, no outside script). The page's script sends
check-ins to `checkin_json_view`; when the venue's network drops, it keeps them in the browser and sends them later
with the time they were scanned.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.admin_views import staff_view_check
from core.timezones import local_time, zone_label
from meetings.models import Meeting
from participants.models import Participant
from participants.selectors import participants_for_desk
from participants.services import (
    CheckinRefused,
    checkin_code_is_well_formed,
    normalise_checkin_code,
    participant_check_in,
    participant_checkin_code,
    participant_from_checkin_token,
)

# The desk's page may use the camera (the rest of the site turns it off, core.middleware).
CAMERA_POLICY = settings.CONVENE_PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")


def checkin_choose_meeting_view(request, *, model_admin):
    staff_view_check(request, model_admin)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Check-in: choose the meeting"),
        "meetings": Meeting.objects.exclude(status=Meeting.Status.CANCELLED).order_by("-start_date")[:50],
    }
    return TemplateResponse(request, "admin/participants/participant/checkin_choose.html", context)


def _is_badge_code(text: str) -> bool:
    """A scanned token, or a typed short code whose check character is right (else a name or a badge number)."""
    if ":" in text:
        return True
    code = normalise_checkin_code(text)
    return code is not None and checkin_code_is_well_formed(code)


def _check_in(*, token: str, meeting: Meeting, scanned_at=None):
    """(participant, message level, message): check in, and say so with the time in the meeting's zone."""
    already = participant_from_checkin_token(token=token, meeting=meeting).checked_in_at is not None
    participant = participant_check_in(token=token, meeting=meeting, scanned_at=scanned_at)
    report = {
        "person": participant.person,
        "time": local_time(participant.checked_in_at, meeting.tzinfo, with_date=False),
    }
    if already:
        return participant, messages.WARNING, _("%(person)s was already checked in, at %(time)s.") % report
    return participant, messages.SUCCESS, _("%(person)s checked in at %(time)s.") % report


def _counts(meeting):
    return Participant.objects.filter(meeting=meeting).aggregate(
        accredited=Count("id", filter=Q(status=Participant.Status.ACCREDITED)),
        attended=Count("id", filter=Q(status=Participant.Status.ATTENDED)),
    )


def _desk_card(participant):
    """What the desk sees of a participant, with the code that checks them in with one tap."""
    return {
        "participant": participant,
        "code": participant_checkin_code(participant=participant),
        "checked_in_at": local_time(participant.checked_in_at, participant.meeting.tzinfo),
        "can_check_in": participant.status == Participant.Status.ACCREDITED,
    }


def checkin_view(request, meeting_id, *, model_admin):
    staff_view_check(request, model_admin)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    cards, refusal, query = [], None, ""
    text = (request.POST.get("token") or "").strip()
    if request.method == "POST":
        try:
            unknown_code = None
            if _is_badge_code(text):
                try:
                    if "check_in" in request.POST:
                        participant, level, message = _check_in(token=text, meeting=meeting)
                        messages.add_message(request, level, message)
                    else:
                        participant = participant_from_checkin_token(token=text, meeting=meeting)
                    cards = [_desk_card(participant)]
                except CheckinRefused as error:
                    # Eight letters may be a name that happens to pass the check: look it up before refusing.
                    if error.code != "unknown_code" or any(character.isdigit() for character in text):
                        raise
                    unknown_code = error
            if text and not cards:
                query = text
                cards = [_desk_card(participant) for participant in participants_for_desk(meeting, query=text)]
                if not cards and unknown_code is not None:
                    raise unknown_code
                if not cards and normalise_checkin_code(text) and any(character.isdigit() for character in text):
                    participant_from_checkin_token(token=text, meeting=meeting)  # raises: says what is wrong
                if not cards:
                    refusal = _("Nobody at this meeting has the name or badge number “%(query)s”.") % {"query": text}
            elif not text:
                participant_from_checkin_token(token=text, meeting=meeting)
        except CheckinRefused as error:
            refusal = " ".join(error.messages)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Check-in"),
        "meeting": meeting,
        "cards": cards,
        "query": query,
        "refusal": refusal,
        "counts": _counts(meeting),
        "zone": zone_label(meeting.tzinfo),
        "json_url": reverse("admin:participants_participant_checkin_json", args=[meeting.pk]),
    }
    response = TemplateResponse(request, "admin/participants/participant/checkin.html", context)
    response["Permissions-Policy"] = CAMERA_POLICY
    return response


def _scanned_at(value: str):
    moment = parse_datetime(value or "")
    if moment is None or moment.tzinfo is None:
        return None
    return moment.astimezone(datetime.UTC)


@require_POST
def checkin_json_view(request, meeting_id, *, model_admin):
    """The desk's script: check in one badge; {"ok", "level", "message", "person", "delegation", …} as JSON."""
    staff_view_check(request, model_admin)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    token = (request.POST.get("token") or "").strip()
    try:
        participant, level, message = _check_in(
            token=token, meeting=meeting, scanned_at=_scanned_at(request.POST.get("scanned_at"))
        )
    except CheckinRefused as error:
        return JsonResponse({"ok": False, "refused": error.code, "message": " ".join(error.messages)}, status=422)
    return JsonResponse(
        {
            "ok": True,
            "level": "warning" if level == messages.WARNING else "success",
            "message": message,
            "person": str(participant.person),
            "delegation": participant.delegation.organization.name,
            "photo": participant.person.photo.url if participant.person.photo else "",
            "counts": _counts(meeting),
        }
    )
