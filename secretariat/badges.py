"""Badges as PDF: one A6 badge per page, or four A6 badges per A4 sheet (cut along the grey lines).

Each badge carries the name with honorific, the delegation, the role, the meeting, the badge number and a QR code of
the signed check-in token (participants.services.participant_checkin_token), never the database id.
"""

import io
import tempfile

import qrcode
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas as pdf_canvas

from core.pdf import FONT, FONT_BOLD, register_fonts, visual
from participants.models import Participant
from participants.services import (
    participant_checkin_token,
    participants_mark_badges_printed,
    participants_split_for_badges,
)
from secretariat.jobs import JobError, JobOutput, job_kind

LAYOUTS = ("a6", "a4")
BADGE_WIDTH, BADGE_HEIGHT = A6
# Lower-left corners of the four A6 badges on an A4 sheet, top row first.
A4_SLOTS = [(0, BADGE_HEIGHT), (BADGE_WIDTH, BADGE_HEIGHT), (0, 0), (BADGE_WIDTH, 0)]


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


def _draw_badge(canvas, participant: Participant, x: float, y: float):
    width, height = BADGE_WIDTH, BADGE_HEIGHT
    canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
    canvas.rect(x, y, width, height)
    canvas.setFillColorRGB(0.05, 0.25, 0.45)
    canvas.rect(x, y + height - 22 * mm, width, 22 * mm, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    _centred_lines(canvas, participant.meeting.title, FONT_BOLD, 9, y + height - 7 * mm, width, x, max_lines=3)
    canvas.setFillColorRGB(0, 0, 0)
    person = participant.person
    top = y + height - 32 * mm
    if person.honorific_prefix:
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(x + width / 2, top, visual(person.honorific_prefix))
        top -= 7 * mm
    top = _centred_lines(canvas, person.full_name, FONT_BOLD, 16, top, width, x)
    arabic_name = " ".join(part for part in (person.given_name_ar, person.family_name_ar) if part)
    if arabic_name and arabic_name != person.full_name:
        # Badges are read by Arabic and Latin readers alike: the Arabic name is shown in every language.
        top = _centred_lines(canvas, arabic_name, FONT_BOLD, 13, top, width, x)
    top -= 2 * mm
    organization = participant.delegation.organization
    top = _centred_lines(canvas, organization.name, FONT, 10, top, width, x)
    canvas.setFont(FONT_BOLD, 10)
    canvas.drawCentredString(x + width / 2, top - 2 * mm, visual(participant.get_role_display().upper()))
    qr_size = 34 * mm
    canvas.drawImage(ImageReader(badge_qr_image(participant)), x + (width - qr_size) / 2, y + 12 * mm, qr_size, qr_size)
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(
        x + width / 2, y + 7 * mm, visual(_("Badge no. %(number)s") % {"number": participant.badge_number or "—"})
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
