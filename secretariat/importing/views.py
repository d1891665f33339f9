"""The admin's import page: upload, preview of every row, confirm (which saves all rows or none)."""

import csv
import io
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Font

from core.access import Access
from core.admin_views import staff_view_check
from core.spreadsheets import append_row, csv_row
from secretariat.columns import IMPORT_COLUMNS
from secretariat.exports import CONTENT_TYPES as EXPORT_CONTENT_TYPES
from secretariat.importing.forms import ConfirmForm, ImportForm
from secretariat.importing.jobs import PREVIEW_JOB, confirm_preview, keep_upload
from secretariat.importing.reading import ImportFileError, rough_row_count
from secretariat.importing.rows import import_participants
from secretariat.jobs import job_enqueue, job_url
from secretariat.models import Job

# Previewed files wait here for their confirmation; the session remembers which tokens are its own.
PENDING_FOLDER = "imports-pending"
SESSION_KEY = "convene_pending_imports"


def keep_for_confirmation(request, *, content: bytes, filename: str) -> str:
    token = secrets.token_urlsafe(24)
    default_storage.save(f"{PENDING_FOLDER}/{token}", ContentFile(content))
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = filename
    request.session[SESSION_KEY] = pending
    return token


def take_for_confirmation(request, token: str) -> tuple[bytes, str] | None:
    """The kept file of this session's token, removed from the server; None if unknown (or already confirmed)."""
    pending = request.session.get(SESSION_KEY, {})
    if token not in pending:
        return None
    name = f"{PENDING_FOLDER}/{token}"
    try:
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        return None
    default_storage.delete(name)
    filename = pending.pop(token)
    request.session[SESSION_KEY] = pending
    return content, filename


def _confirm_preview_job(request):
    """The officer confirms a preview run by the worker: the import itself is queued, once."""
    preview = Job.objects.visible_to(Access.for_user(request.user)).filter(pk=request.POST.get("job") or 0).first()
    job = confirm_preview(preview=preview, user=request.user) if preview is not None else None
    if job is None:
        messages.error(request, _("This preview has expired or was already confirmed: upload the file again."))
        return redirect(request.path)
    return redirect(job_url(job))


def import_view(request, *, model_admin):
    """Step 1: upload; step 2: preview of every row; step 3: confirm, which saves all rows or none."""
    staff_view_check(request, model_admin)
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import participants"),
        "columns": IMPORT_COLUMNS.values(),
    }
    form = ImportForm(request.POST or None, request.FILES or None, initial={"meeting": request.GET.get("meeting")})
    if request.method == "POST" and "job" in request.POST:
        return _confirm_preview_job(request)
    if request.method == "POST" and "confirm" in request.POST:
        confirm = ConfirmForm(request.POST)
        if confirm.is_valid():
            meeting = confirm.cleaned_data["meeting"]
            kept = take_for_confirmation(request, confirm.cleaned_data["token"])
            if kept is None:
                messages.error(request, _("This preview has expired or was already confirmed: upload the file again."))
                return redirect(request.path)
            content, filename = kept
            try:
                result = import_participants(meeting=meeting, content=content, filename=filename, dry_run=False)
            except ImportFileError as error:
                messages.error(request, str(error))
                return redirect(request.path)
            if result.saved:
                model_admin.message_user(
                    request,
                    ngettext(
                        "%(count)d row imported into %(meeting)s.",
                        "%(count)d rows imported into %(meeting)s.",
                        len(result.rows),
                    )
                    % {"count": len(result.rows), "meeting": meeting},
                    messages.SUCCESS,
                )
                changelist = reverse("admin:participants_participant_changelist")
                return redirect(f"{changelist}?meeting__id__exact={meeting.pk}")
            context.update(result=result, meeting=meeting, form=form)
            messages.error(request, _("Nothing was saved: the data changed since the preview. See the errors below."))
            return TemplateResponse(request, "admin/participants/participant/import.html", context)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        meeting = form.cleaned_data["meeting"]
        if rough_row_count(content, upload.name) > settings.CONVENE_JOBS_INLINE_MAX:
            # Too long for the request: the preview runs in the worker; its page offers the import when it is valid.
            job = job_enqueue(
                kind=PREVIEW_JOB,
                user=request.user,
                meeting=meeting,
                params={"upload": keep_upload(content), "filename": upload.name},
            )
            return redirect(job_url(job))
        try:
            result = import_participants(meeting=meeting, content=content, filename=upload.name, dry_run=True)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            context.update(result=result, meeting=meeting)
            if not result.has_errors:
                context["confirm_form"] = ConfirmForm(
                    initial={
                        "meeting": meeting.pk,
                        "token": keep_for_confirmation(request, content=content, filename=upload.name),
                    }
                )
    context["form"] = form
    return TemplateResponse(request, "admin/participants/participant/import.html", context)


# An example row of the template, a guest of honour of the demo meeting.
TEMPLATE_EXAMPLE = {
    "delegation": "Kazakhstan",
    "honorific": "H.E. Mr.",
    "given_name": "Alibek",
    "family_name": "Bakayev",
    "given_name_ar": "علي بيك",
    "family_name_ar": "باكاييف",
    "honorific_fr": "S.E. M.",
    "honorific_ar": "معالي السيد",
    "organization": "Kazakhstan",
    "position": "Deputy Minister of Foreign Affairs",
    "position_fr": "Vice-Ministre des Affaires Étrangères",
    "position_ar": "نائب وزير الخارجية",
    "email": "a.bakayev@example.org",
    "role": "head of delegation",
}
TEMPLATE_FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": EXPORT_CONTENT_TYPES["xlsx"]}


def import_template(*, file_format: str) -> bytes:
    """An empty list to fill in: the columns named in the active language, and one example row."""
    headers = [str(label) for label in IMPORT_COLUMNS.values()]
    example = [
        str(_("yes")) if key == "listed_publicly" else str(TEMPLATE_EXAMPLE.get(key, "")) for key in IMPORT_COLUMNS
    ]
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerow(csv_row(example))
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Participants"))[:31]
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    append_row(sheet, example)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_template_view(request, file_format, *, model_admin):
    staff_view_check(request, model_admin)
    if file_format not in TEMPLATE_FORMATS:
        raise Http404
    response = HttpResponse(import_template(file_format=file_format), content_type=TEMPLATE_FORMATS[file_format])
    language = translation.get_language()
    response["Content-Disposition"] = f'attachment; filename="participants-template-{language}.{file_format}"'
    return response
