"""The list of participants of a meeting as CSV, XLSX and the printable "List of Participants" PDF.

Every export is built in the requested language (names and labels fall back to English) in protocol order:
delegations in their order, then head of delegation, guests of honour, alternates, delegates, advisers, the rest.
"""

import csv
import io

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from core.admin_views import staff_view_check
from core.pdf import FONT, para, paragraph_style, register_fonts
from core.spreadsheets import append_row, csv_row
from meetings.models import Meeting
from participants.models import Participant
from secretariat.columns import EXPORT_COLUMNS
from secretariat.jobs import JobError, JobOutput, job_kind, job_respond

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
# Who appears on the printed list: people who declined or were cancelled do not.
LISTED_STATUSES = (
    Participant.Status.INVITED,
    Participant.Status.REGISTERED,
    Participant.Status.ACCREDITED,
    Participant.Status.ATTENDED,
)


def participants_for_export(*, meeting: Meeting, participants=None):
    queryset = participants if participants is not None else Participant.objects.filter(meeting=meeting)
    return list(
        queryset.filter(meeting=meeting)
        .select_related("person", "delegation__organization", "position__organization")
        .in_protocol_order()
    )


def _row(participant: Participant) -> dict:
    person = participant.person
    position = participant.position
    return {
        "delegation": participant.delegation.organization.name,
        "honorific": person.honorific,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "given_name_fr": person.given_name_fr or "",
        "family_name_fr": person.family_name_fr or "",
        "given_name_ar": person.given_name_ar or "",
        "family_name_ar": person.family_name_ar or "",
        "honorific_fr": person.honorific_prefix_fr or "",
        "honorific_ar": person.honorific_prefix_ar or "",
        "organization": (position.organization.name if position else participant.delegation.organization.name),
        "position": position.title if position else "",
        "position_fr": (position.title_fr or "") if position else "",
        "position_ar": (position.title_ar or "") if position else "",
        "listed_publicly": _("yes") if person.listed_publicly else _("no"),
        "email": person.email,
        "role": participant.get_role_display(),
        "status": participant.get_status_display(),
        "badge_number": participant.badge_number or "",
        "checked_in_at": (
            timezone.localtime(participant.checked_in_at, participant.meeting.tzinfo).strftime("%Y-%m-%d %H:%M %z")
            if participant.checked_in_at
            else ""
        ),
    }


def export_filename(meeting: Meeting, file_format: str, language: str) -> str:
    return f"participants-{meeting.slug}-{language}.{file_format}"


def _no_progress(done, total=None, message=None, **options):
    pass


def export_participants(
    *, meeting: Meeting, file_format: str, language: str, participants=None, progress=_no_progress
) -> bytes:
    """The file; `progress(done, total)` is told of each participant written."""
    if file_format not in FORMATS:
        raise ValueError(_("Unknown format “%(format)s”: choose csv, xlsx or pdf.") % {"format": file_format})
    with translation.override(language):
        rows = participants_for_export(meeting=meeting, participants=participants)
        for participant in rows:
            participant.meeting = meeting
        progress(0, len(rows))
        if file_format == "csv":
            return _csv(rows, progress)
        if file_format == "xlsx":
            return _xlsx(rows, meeting, progress)
        return list_of_participants_pdf(meeting=meeting, participants=rows, language=language, progress=progress)


def _csv(rows, progress=_no_progress) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(header) for header in EXPORT_COLUMNS.values()])
    for index, participant in enumerate(rows, 1):
        values = _row(participant)
        writer.writerow(csv_row(values[key] for key in EXPORT_COLUMNS))
        progress(index)
    # A byte order mark lets spreadsheet programs read the UTF-8 (Arabic, accents) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(rows, meeting, progress=_no_progress) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Participants"))[:31]
    sheet.append([str(header) for header in EXPORT_COLUMNS.values()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, participant in enumerate(rows, 1):
        values = _row(participant)
        append_row(sheet, [values[key] for key in EXPORT_COLUMNS])
        progress(index)
    sheet.freeze_panes = "A2"
    if translation.get_language_bidi():
        sheet.sheet_view.rightToLeft = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def list_of_participants_pdf(*, meeting: Meeting, participants, language: str, progress=_no_progress) -> bytes:
    """The official layout: title, meeting, then each delegation with its members in protocol order."""
    register_fonts()
    with translation.override(language):
        title_style = paragraph_style("title", language, size=16, bold=True, space_after=4)
        meeting_style = paragraph_style("meeting", language, size=11, space_after=10)
        delegation_style = paragraph_style("delegation", language, size=12, bold=True, space_after=3)
        name_style = paragraph_style("name", language, size=10, bold=True, space_after=0)
        detail_style = paragraph_style("detail", language, size=9, space_after=4)
        width = A4[0] - 40 * mm
        dates = f"{date_format(meeting.start_date, 'DATE_FORMAT')} – {date_format(meeting.end_date, 'DATE_FORMAT')}"
        story = [
            Paragraph(para(_("List of Participants"), title_style, width), title_style),
            Paragraph(
                para(
                    f"{meeting.title} — {meeting.city}{pgettext('list separator', ', ')}{dates}", meeting_style, width
                ),
                meeting_style,
            ),
        ]
        listed = [participant for participant in participants if participant.status in LISTED_STATUSES]
        delegation_id, block = None, []
        for index, participant in enumerate(listed, 1):
            progress(index, len(listed))
            if participant.delegation_id != delegation_id:
                story.extend(block)
                delegation_id = participant.delegation_id
                organization = participant.delegation.organization
                heading = organization.name
                if organization.acronym and organization.acronym != organization.name:
                    heading = f"{heading} ({organization.acronym})"
                block = [Spacer(1, 4 * mm), Paragraph(para(heading, delegation_style, width), delegation_style)]
            person = participant.person
            lines = [Paragraph(para(person.name_with_honorific, name_style, width), name_style)]
            details = [participant.get_role_display()]
            if participant.position_id:
                details.append(participant.position.title)
            lines.append(Paragraph(para(" — ".join(details), detail_style, width), detail_style))
            block.append(KeepTogether(lines))
        story.extend(block)
        if not listed:
            story.append(Paragraph(para(_("No participants yet.")), detail_style))
        buffer = io.BytesIO()

        def footer(canvas, document):
            canvas.saveState()
            canvas.setFont(FONT, 8)
            canvas.drawCentredString(A4[0] / 2, 10 * mm, str(document.page))
            canvas.restoreState()

        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title=str(_("List of Participants")),
            author="Convene",
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
        )
        document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


# Admin view -------------------------------------------------------------------------------------------------
class ExportForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.all(), label=gettext_lazy("meeting"))
    format = forms.ChoiceField(
        label=gettext_lazy("format"),
        choices=[("pdf", gettext_lazy("PDF (List of Participants)")), ("xlsx", "XLSX"), ("csv", "CSV")],
    )
    language = forms.ChoiceField(label=gettext_lazy("language"), choices=settings.LANGUAGES)


EXPORT_JOB = "participants_export"


@job_kind(EXPORT_JOB, gettext_lazy("Export of participants"))
def export_job(job, progress):
    """params: `format`, and `participants` (ids of a selection) or none for the whole meeting."""
    file_format = job.params.get("format", "csv")
    selected = job.params.get("participants")
    participants = Participant.objects.filter(pk__in=selected) if selected is not None else None
    try:
        content = export_participants(
            meeting=job.meeting,
            file_format=file_format,
            language=job.language,
            participants=participants,
            progress=progress,
        )
    except ValueError as error:
        raise JobError(str(error)) from error
    return JobOutput(
        content=content,
        filename=export_filename(job.meeting, file_format, job.language),
        content_type=CONTENT_TYPES[file_format],
        inline=file_format == "pdf",
    )


def export_view(request, *, model_admin):
    staff_view_check(request, model_admin)
    form = ExportForm(
        request.GET if "format" in request.GET else None,
        initial={"meeting": request.GET.get("meeting"), "language": translation.get_language()},
    )
    if form.is_bound and form.is_valid():
        meeting, file_format, language = (form.cleaned_data[key] for key in ("meeting", "format", "language"))
        with translation.override(language):
            return job_respond(
                request,
                kind=EXPORT_JOB,
                size=Participant.objects.filter(meeting=meeting).count(),
                meeting=meeting,
                params={"format": file_format},
            )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Export the list of participants"),
        "form": form,
    }
    return TemplateResponse(request, "admin/participants/participant/export.html", context)
