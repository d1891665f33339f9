"""Large imports in the worker (secretariat/jobs.py): the preview of every row, then, once the officer confirms on
the preview job's page, the import itself. Both read the uploaded file kept on the server under a random name."""

from collections import Counter

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from secretariat.importing.reading import ImportFileError
from secretariat.importing.rows import import_participants
from secretariat.jobs import JobError, JobOutput, job_enqueue, job_kind
from secretariat.models import Job

PREVIEW_JOB = "participants_import_preview"
IMPORT_JOB = "participants_import"
KEPT_FOLDER = "imports-pending"
# A preview lists at most this many errors (the file is corrected and uploaded again anyway).
MAX_ERRORS_SHOWN = 200


def keep_upload(content: bytes) -> str:
    """Store an uploaded file for the worker under a random name (core.uploads.RandomNameStorage); its name."""
    return default_storage.save(default_storage.generate_filename(f"{KEPT_FOLDER}/upload"), ContentFile(content))


def _read_kept(job) -> bytes:
    try:
        with default_storage.open(job.params["upload"], "rb") as handle:
            return handle.read()
    except (KeyError, FileNotFoundError):
        raise JobError(_("The uploaded file is no longer on the server: upload it again.")) from None


def _errors(result) -> list:
    messages = result.error_messages()
    lines = messages[:MAX_ERRORS_SHOWN]
    if len(messages) > MAX_ERRORS_SHOWN:
        lines.append(_("… and %(count)d more errors.") % {"count": len(messages) - MAX_ERRORS_SHOWN})
    return lines


def _run(job, progress, *, dry_run: bool):
    content = _read_kept(job)
    progress(0, 0, _("Reading the file…"), force=True)
    try:
        return import_participants(
            meeting=job.meeting,
            content=content,
            filename=job.params.get("filename", ""),
            dry_run=dry_run,
            progress=progress,
        )
    except ImportFileError as error:
        default_storage.delete(job.params["upload"])
        raise JobError(str(error)) from error


@job_kind(
    PREVIEW_JOB,
    gettext_lazy("Import of participants: preview"),
    long_transaction=True,
    follow_up=("admin:participants_participant_import", gettext_lazy("Import every row")),
)
def preview_job(job, progress):
    """The dry run of every row; offers the import itself when every row is valid."""
    result = _run(job, progress, dry_run=True)
    if result.has_errors:
        default_storage.delete(job.params["upload"])
        message = ngettext(
            "%(count)d row has errors: nothing will be saved. Correct the file and upload it again.",
            "%(count)d rows have errors: nothing will be saved. Correct the file and upload it again.",
            result.error_count,
        ) % {"count": result.error_count}
        return JobOutput(message=message, summary=_errors(result))
    job.params["confirmable"] = True
    counts = Counter(str(row.outcome) for row in result.rows)
    return JobOutput(
        message=ngettext(
            "Every row is valid (%(count)d row). Nothing has been saved yet: confirm to import it.",
            "Every row is valid (%(count)d rows). Nothing has been saved yet: confirm to import them.",
            len(result.rows),
        )
        % {"count": len(result.rows)},
        summary=[f"{count} × {outcome}" for outcome, count in counts.most_common()],
    )


@job_kind(IMPORT_JOB, gettext_lazy("Import of participants"), long_transaction=True)
def import_job(job, progress):
    """Every row or none: a row that became invalid since the preview fails the job and saves nothing."""
    result = _run(job, progress, dry_run=False)
    default_storage.delete(job.params["upload"])
    if not result.saved:
        raise JobError(
            _("Nothing was saved: the data changed since the preview. %(errors)s")
            % {"errors": " ".join(_errors(result)[:20])}
        )
    return JobOutput(
        message=ngettext(
            "%(count)d row imported into %(meeting)s.", "%(count)d rows imported into %(meeting)s.", len(result.rows)
        )
        % {"count": len(result.rows), "meeting": job.meeting}
    )


def confirm_preview(*, preview, user):
    """The import job of a confirmable preview, queued once: a second confirmation of the same preview finds it
    already used and gets None."""
    with transaction.atomic():
        preview = Job.objects.select_for_update().get(pk=preview.pk)
        if not (
            preview.kind == PREVIEW_JOB and preview.status == Job.Status.SUCCEEDED and preview.params.get("confirmable")
        ):
            return None
        preview.params["confirmable"] = False
        preview.save(update_fields=["params"])
        return job_enqueue(
            kind=IMPORT_JOB,
            user=user,
            meeting=preview.meeting,
            params={"upload": preview.params["upload"], "filename": preview.params.get("filename", "")},
            language=preview.language,
        )
