"""Admin actions of the secretariat's workflows on participants: badges, check-in keys, exports."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from meetings.models import Meeting
from participants.services import participants_rotate_checkin_key, participants_split_for_badges
from secretariat import exports
from secretariat.jobs import job_respond


def _print_badges(model_admin, request, queryset, layout):
    chosen = queryset.select_related("person").in_protocol_order()
    printable, refused = participants_split_for_badges(participants=chosen)
    for _participant, reason in refused:
        model_admin.message_user(request, _("Not printed: %(reason)s") % {"reason": reason}, messages.WARNING)
    if not printable:
        model_admin.message_user(request, _("No badge to print: accredit the participants first."), messages.ERROR)
        return None
    meeting_ids = {participant.meeting_id for participant in printable}
    return job_respond(
        request,
        kind="badges",
        size=len(printable),
        meeting=printable[0].meeting if len(meeting_ids) == 1 else None,
        params={"participants": [participant.pk for participant in printable], "layout": layout},
    )


@admin.action(description=gettext_lazy("Print (or reprint) badges, one A6 badge per page"), permissions=["change"])
def print_badges(model_admin, request, queryset):
    return _print_badges(model_admin, request, queryset, "a6")


@admin.action(description=gettext_lazy("Print (or reprint) badges, four per A4 sheet"), permissions=["change"])
def print_badges_a4(model_admin, request, queryset):
    return _print_badges(model_admin, request, queryset, "a4")


@admin.action(
    description=gettext_lazy("Rotate the check-in token (revokes the printed badges: reprint them)"),
    permissions=["change"],
)
def rotate_checkin_key(model_admin, request, queryset):
    rotated = participants_rotate_checkin_key(participants=queryset.select_related("person"))
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d badge revoked: %(people)s. Print the new badge: the old one is now refused at check-in.",
            "%(count)d badges revoked: %(people)s. Print the new badges: the old ones are now refused at check-in.",
            len(rotated),
        )
        % {"count": len(rotated), "people": ", ".join(str(participant.person) for participant in rotated)},
        messages.SUCCESS,
    )


def _export(model_admin, request, queryset, file_format):
    meeting_ids = sorted(set(queryset.values_list("meeting_id", flat=True)))
    if len(meeting_ids) != 1:
        model_admin.message_user(request, _("Select the participants of one meeting to export."), messages.ERROR)
        return None
    meeting = Meeting.objects.get(pk=meeting_ids[0])
    selected = list(queryset.order_by().values_list("pk", flat=True))
    return job_respond(
        request,
        kind=exports.EXPORT_JOB,
        size=len(selected),
        meeting=meeting,
        params={"format": file_format, "participants": selected},
    )


@admin.action(description=gettext_lazy("Export the selected participants (XLSX)"), permissions=["view"])
def export_xlsx(model_admin, request, queryset):
    return _export(model_admin, request, queryset, "xlsx")


@admin.action(
    description=gettext_lazy("Export the selected participants as a List of Participants (PDF)"), permissions=["view"]
)
def export_pdf(model_admin, request, queryset):
    return _export(model_admin, request, queryset, "pdf")
