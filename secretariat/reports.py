"""The follow-up report of the commitments (the agreed Matrix) "since the previous meeting", for one meeting:
by theme and lead organization, with status counts and every update reported since, as a page, XLSX and PDF.
"""

import io
from collections import Counter

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from agreements.models import Commitment, CommitmentUpdate
from agreements.selectors import commitments_in_scope
from core.admin_views import staff_view_check
from core.pdf import para, paragraph_style, register_fonts
from core.spreadsheets import append_row
from meetings.models import Meeting
from secretariat.dashboard import commitments_chart


def commitments_followup(meeting: Meeting) -> dict:
    """Commitments under review at the meeting, grouped by theme then lead organization, with the updates since
    the previous meeting of the series (every update when there is none) and until the next one: what is reported
    at (or carried forward to) a later meeting belongs to that meeting's report."""
    previous, following = meeting.previous_meeting, meeting.next_meeting
    since = previous.start_date if previous else None
    updates = CommitmentUpdate.objects.select_related("meeting").order_by("reported_on", "id")
    if since:
        updates = updates.filter(Q(meeting=meeting) | Q(meeting__start_date__gte=since) | Q(reported_on__gte=since))
    if following:
        updates = updates.exclude(meeting__start_date__gte=following.start_date).exclude(
            meeting__isnull=True, reported_on__gte=following.start_date
        )
    commitments = list(
        commitments_in_scope(meeting)
        .select_related("theme", "lead_organization", "agreed_at")
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="updates_since"), "partner_organizations")
        .order_by("theme__ordering", "theme_id", "lead_organization__slug", "reference", "id")
    )
    themes, counts = [], Counter(commitment.status for commitment in commitments)
    for commitment in commitments:
        if not themes or themes[-1]["theme"] != commitment.theme:
            themes.append({"theme": commitment.theme, "organizations": [], "counts": Counter()})
        group = themes[-1]
        group["counts"][commitment.status] += 1
        if not group["organizations"] or group["organizations"][-1]["organization"] != commitment.lead_organization:
            group["organizations"].append({"organization": commitment.lead_organization, "commitments": []})
        group["organizations"][-1]["commitments"].append(commitment)
    for group in themes:
        group["status_counts"] = _labelled(group["counts"])
        group["summary"] = ", ".join(f"{label}: {count}" for label, count in group["status_counts"] if count)
    return {
        "meeting": meeting,
        "previous": previous,
        "since": since,
        "themes": themes,
        "commitments": commitments,
        "status_counts": _labelled(counts),
        "total": len(commitments),
    }


def _labelled(counts: Counter):
    return [(status.label, counts.get(status.value, 0)) for status in Commitment.Status]


def _update_when(update: CommitmentUpdate) -> str:
    parts = []
    if update.reported_on:
        parts.append(date_format(update.reported_on, "DATE_FORMAT"))
    if update.meeting_id:
        parts.append(str(update.meeting.title))
    return ", ".join(parts)


def _heading(report) -> str:
    if report["previous"]:
        return _("Follow-up of commitments since %(previous)s") % {"previous": report["previous"]}
    return _("Follow-up of commitments")


def followup_xlsx(meeting: Meeting, language: str) -> bytes:
    with translation.override(language):
        report = commitments_followup(meeting)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(_("Commitments"))[:31]
        append_row(sheet, [str(_heading(report))])
        append_row(sheet, [str(meeting.title)])
        append_row(sheet, [])
        headers = [_("theme"), _("lead organization"), _("reference"), _("title"), _("partners")]
        headers += [_("agreed at meeting"), _("due on"), _("status"), _("updates since")]
        append_row(sheet, [str(header) for header in headers])
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for commitment in report["commitments"]:
            append_row(
                sheet,
                [
                    commitment.theme.name if commitment.theme else "",
                    commitment.lead_organization.name,
                    commitment.reference,
                    commitment.title,
                    ", ".join(str(partner) for partner in commitment.partner_organizations.all()),
                    commitment.agreed_at.title if commitment.agreed_at else "",
                    commitment.due_on,
                    commitment.get_status_display(),
                    len(commitment.updates_since),
                ],
            )
        updates = workbook.create_sheet(str(_("Updates"))[:31])
        append_row(updates, [str(header) for header in (_("reference"), _("title"), _("when"), _("status"), _("note"))])
        for cell in updates[1]:
            cell.font = Font(bold=True)
        for commitment in report["commitments"]:
            for update in commitment.updates_since:
                append_row(
                    updates,
                    [
                        commitment.reference,
                        commitment.title,
                        _update_when(update),
                        update.get_status_display(),
                        update.note,
                    ],
                )
        totals = workbook.create_sheet(str(_("Status counts"))[:31])
        append_row(totals, [str(_("status")), str(_("commitments"))])
        for label, count in report["status_counts"]:
            append_row(totals, [str(label), count])
        if translation.get_language_bidi():
            for worksheet in workbook.worksheets:
                worksheet.sheet_view.rightToLeft = True
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


_PDF_WIDTH = A4[0] - 2 * 72  # SimpleDocTemplate's default margins are one inch


def _paragraph(text, style):
    return Paragraph(para(text, style, _PDF_WIDTH), style)


def followup_pdf(meeting: Meeting, language: str) -> bytes:
    register_fonts()
    with translation.override(language):
        report = commitments_followup(meeting)
        styles = {
            "title": paragraph_style("title", language, size=15, bold=True, space_after=4),
            "subtitle": paragraph_style("subtitle", language, size=10, space_after=8),
            "theme": paragraph_style("theme", language, size=13, bold=True, space_after=3),
            "organization": paragraph_style("organization", language, size=11, bold=True, space_after=2),
            "commitment": paragraph_style("commitment", language, size=10, bold=True, space_after=1),
            "text": paragraph_style("text", language, size=9, space_after=2),
        }
        counts = ", ".join(f"{label}: {count}" for label, count in report["status_counts"])
        story = [
            _paragraph(_heading(report), styles["title"]),
            _paragraph(meeting.title, styles["subtitle"]),
            _paragraph(
                _("%(total)d commitments — %(counts)s") % {"total": report["total"], "counts": counts},
                styles["subtitle"],
            ),
        ]
        for group in report["themes"]:
            theme = group["theme"].name if group["theme"] else _("No theme")
            story += [Spacer(1, 3 * mm), _paragraph(f"{theme} ({group['summary']})", styles["theme"])]
            for organization in group["organizations"]:
                story.append(_paragraph(organization["organization"].name, styles["organization"]))
                for commitment in organization["commitments"]:
                    due = date_format(commitment.due_on, "DATE_FORMAT") if commitment.due_on else "—"
                    story.append(
                        _paragraph(
                            f"{commitment} — {commitment.get_status_display()} ({_('due on')} {due})",
                            styles["commitment"],
                        )
                    )
                    for update in commitment.updates_since:
                        story.append(
                            _paragraph(
                                f"• {_update_when(update)}: {update.get_status_display()}. {update.note}",
                                styles["text"],
                            )
                        )
                    if not commitment.updates_since:
                        story.append(_paragraph(_("No update reported."), styles["text"]))
        if not report["commitments"]:
            story.append(_paragraph(_("No commitment to follow up."), styles["text"]))
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4, title=str(_heading(report)), author="Convene").build(story)
    return buffer.getvalue()


# Admin views ------------------------------------------------------------------------------------------------
def followup_choose_view(request, *, model_admin):
    staff_view_check(request, model_admin)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Follow-up of commitments: choose the meeting"),
        "meetings": Meeting.objects.order_by("-start_date")[:50],
    }
    return TemplateResponse(request, "admin/agreements/commitment/followup_choose.html", context)


def followup_view(request, meeting_id, *, model_admin):
    staff_view_check(request, model_admin)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    language = request.GET.get("language") or translation.get_language()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    file_format = request.GET.get("format")
    if file_format in ("xlsx", "pdf"):
        builder = followup_xlsx if file_format == "xlsx" else followup_pdf
        content_type = (
            "application/pdf"
            if file_format == "pdf"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response = HttpResponse(builder(meeting, language), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="follow-up-{meeting.slug}-{language}.{file_format}"'
        return response
    report = commitments_followup(meeting)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _heading(report),
        **report,
        # The dashboard's chart, from the report's own counts: the same figures in both places.
        "commitments_chart": commitments_chart(
            [(group["theme"].name if group["theme"] else _("no theme"), group["counts"]) for group in report["themes"]]
        ),
        "languages": settings.LANGUAGES,
    }
    return TemplateResponse(request, "admin/agreements/commitment/followup.html", context)
