"""Badges as PDF: one A6 badge per page, or four A6 badges per A4 sheet (cut along the grey lines).

Each badge carries the meeting with its dates and venue, the name with honorific, the delegation, the role on a band
of the role's colour, a QR code of the signed check-in token (participants.services.participant_checkin_token, never
the database id) and, under it, the short code that the desk types when it has no camera, and the badge number.
"""

import io
import tempfile

import qrcode
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas as pdf_canvas

from core.pdf import FONT, FONT_BOLD, register_fonts, visual
from participants.models import Participant
from participants.services import (
    participant_checkin_code,
    participant_checkin_token,
    participants_mark_badges_printed,
    participants_split_for_badges,
)
from secretariat.jobs import JobError, JobOutput, job_kind

LAYOUTS = ("a6", "a4")
BADGE_WIDTH, BADGE_HEIGHT = A6
# Lower-left corners of the four A6 badges on an A4 sheet, top row first.
A4_SLOTS = [(0, BADGE_HEIGHT), (BADGE_WIDTH, BADGE_HEIGHT), (0, 0), (BADGE_WIDTH, 0)]


# The band at the foot of a badge, so that ushers tell roles apart from a distance (RGB, white text on each).
ROLE_COLOURS = {
    Participant.Role.HEAD_OF_DELEGATION: (0.55, 0.07, 0.12),
    Participant.Role.GUEST_OF_HONOUR: (0.55, 0.38, 0.0),
    Participant.Role.ALTERNATE: (0.05, 0.25, 0.45),
    Participant.Role.DELEGATE: (0.05, 0.25, 0.45),
    Participant.Role.ADVISER: (0.05, 0.38, 0.55),
    Participant.Role.SPEAKER: (0.36, 0.16, 0.5),
    Participant.Role.OBSERVER: (0.1, 0.4, 0.2),
    Participant.Role.SECRETARIAT: (0.3, 0.3, 0.3),
    Participant.Role.PRESS: (0.75, 0.3, 0.0),
}


def badge_queryset(queryset):
    # Prefetched, the delegations, organizations and the meeting are each one object shared by their participants:
    # 5,000 badges hold 200 organizations and one meeting in memory, not 5,000 copies of each.
    return queryset.select_related("person").prefetch_related("delegation__organization", "meeting")


def badge_qr_image(participant: Participant):
    """The QR code of the participant's check-in token, as a PIL image."""
    # A fixed mask pattern skips scoring the eight masks, which is most of the time spent per badge.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4, mask_pattern=0)
    code.add_data(participant_checkin_token(participant=participant))
    code.make(fit=True)
    # Grey levels (0 and 255 only), not the 1-bit image, which reportlab would embed as RGB: a third of the bytes.
    return code.make_image(fill_color="black", back_color="white").get_image().convert("L")


def _centred_lines(canvas, text, font, size, y, width, x, max_lines=2):
    lines = simpleSplit(text, font, size, width - 12 * mm)[:max_lines]
    canvas.setFont(font, size)
    for line in lines:
        canvas.drawCentredString(x + width / 2, y, visual(line))
        y -= size * 1.2
    return y


def badge_dates_and_place(meeting) -> str:
    """“22 July 2024 · Palace of Independence, Astana”, in the active language."""
    dates = formats.date_format(meeting.start_date, "DATE_FORMAT")
    if meeting.end_date and meeting.end_date != meeting.start_date:
        dates = f"{dates} – {formats.date_format(meeting.end_date, 'DATE_FORMAT')}"
    place = ", ".join(part for part in (meeting.venue, meeting.city) if part)
    return " · ".join(part for part in (dates, place) if part)


def _draw_badge(canvas, participant: Participant, x: float, y: float):
    width, height = BADGE_WIDTH, BADGE_HEIGHT
    canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
    canvas.rect(x, y, width, height)
    canvas.setFillColorRGB(0.05, 0.25, 0.45)
    canvas.rect(x, y + height - 22 * mm, width, 22 * mm, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    _centred_lines(canvas, participant.meeting.title, FONT_BOLD, 9, y + height - 7 * mm, width, x, max_lines=2)
    _centred_lines(
        canvas, badge_dates_and_place(participant.meeting), FONT, 7.5, y + height - 18 * mm, width, x, max_lines=1
    )
    canvas.setFillColorRGB(0, 0, 0)
    person = participant.person
    top = y + height - 32 * mm
    if person.honorific:
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(x + width / 2, top, visual(person.honorific))
        top -= 7 * mm
    top = _centred_lines(canvas, person.full_name, FONT_BOLD, 16, top, width, x)
    arabic_name = " ".join(part for part in (person.given_name_ar, person.family_name_ar) if part)
    if arabic_name and arabic_name != person.full_name:
        # Badges are read by Arabic and Latin readers alike: the Arabic name is shown in every language.
        top = _centred_lines(canvas, arabic_name, FONT_BOLD, 13, top, width, x)
    top -= 2 * mm
    organization = participant.delegation.organization
    _centred_lines(canvas, organization.name, FONT, 10, top, width, x)
    band = 10 * mm
    canvas.setFillColorRGB(*ROLE_COLOURS.get(participant.role, (0.05, 0.25, 0.45)))
    canvas.rect(x, y, width, band, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont(FONT_BOLD, 12)
    canvas.drawCentredString(x + width / 2, y + 3.5 * mm, visual(participant.get_role_display().upper()))
    canvas.setFillColorRGB(0, 0, 0)
    qr_size = 32 * mm
    canvas.drawImage(ImageReader(badge_qr_image(participant)), x + (width - qr_size) / 2, y + 23 * mm, qr_size, qr_size)
    canvas.setFont(FONT_BOLD, 13)
    canvas.drawCentredString(x + width / 2, y + 18 * mm, participant_checkin_code(participant=participant))
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(
        x + width / 2, y + 13.5 * mm, visual(_("Badge no. %(number)s") % {"number": participant.badge_number or "—"})
    )


def badges_pdf(*, participants, layout: str = "a6", language: str = "en", progress=None, output=None) -> bytes | None:
    """A PDF with a badge for each participant, in the given language; `progress(done, total)` as it goes.
    Returned as bytes, or written to `output` (a binary file), which spares a large job a copy in memory."""
    if layout not in LAYOUTS:
        raise ValueError(_("Unknown badge layout “%(layout)s”: choose a6 or a4.") % {"layout": layout})
    register_fonts()
    buffer = output if output is not None else io.BytesIO()
    with translation.override(language):
        pagesize = A6 if layout == "a6" else A4
        canvas = pdf_canvas.Canvas(buffer, pagesize=pagesize)
        canvas.setTitle(_("Badges"))
        per_page = 1 if layout == "a6" else 4
        slots = [(0, 0)] if layout == "a6" else A4_SLOTS
        total = len(participants)
        for index, participant in enumerate(participants):
            if index and index % per_page == 0:
                canvas.showPage()
            x, y = slots[index % per_page]
            _draw_badge(canvas, participant, x, y)
            if progress is not None:
                progress(index + 1, total)
        canvas.showPage()
        canvas.save()
    return buffer.getvalue() if output is None else None


def badges_filename(layout: str) -> str:
    return f"badges-{layout}.pdf"


@job_kind("badges", gettext_lazy("Badges"))
def badges_job(job, progress):
    """params: `participants` (ids, in the order chosen) and `layout`; prints the accredited ones and marks them
    printed when the PDF is complete."""
    layout = job.params.get("layout", "a6")
    queryset = badge_queryset(Participant.objects.filter(pk__in=job.params.get("participants", [])))
    printable, _refused = participants_split_for_badges(participants=queryset.in_protocol_order())
    if not printable:
        raise JobError(_("No badge to print: accredit the participants first."))
    progress(0, len(printable), _("Drawing the badges…"), force=True)
    file = tempfile.TemporaryFile()  # noqa: SIM115 - job_run stores and closes it
    badges_pdf(participants=printable, layout=layout, language=job.language, progress=progress, output=file)
    return JobOutput(
        file=file,
        filename=badges_filename(layout),
        content_type="application/pdf",
        inline=True,
        message=ngettext("%(count)d badge printed.", "%(count)d badges printed.", len(printable))
        % {"count": len(printable)},
        commit=lambda: participants_mark_badges_printed(participants=printable, user=job.requested_by),
    )
