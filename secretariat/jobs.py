"""Long jobs off the request: badges, exports and large imports run in a worker, with progress and a file to download.

One mechanism for every kind of job:

- a kind registers its runner with `@job_kind("badges", label)`; a runner is `runner(job, progress) -> JobOutput`,
  reads what to do from `job.params`, `job.meeting` and `job.language`, calls `progress(done, total)` as it goes,
  and raises `JobError` with a message for the secretariat when it cannot finish;
- a door calls `job_respond(...)`: a job of at most `CONVENE_JOBS_INLINE_MAX` items runs at once and its file is the
  answer, as before; a larger one is saved as a `Job`, queued (django-tasks, database backend) and the officer is
  sent to the job's page, which shows its progress and, when done, the download link;
- the worker (`manage.py db_worker`) runs `run_job`, which calls `job_run`: the file is written only once complete,
  and the job's finishing writes (`JobOutput.commit`, e.g. "badges printed") run in one transaction with the job's
  success, so a failure leaves nothing half-written and the job says why;
- while a job runs, a thread of its worker writes a sign of life on it (`Heartbeat`); a worker that dies without
  a word (killed, out of memory, its machine down) leaves its job running with an old one, and `jobs_fail_lost`,
  called by every worker before each job and by the jobs' pages, marks it failed so that the officer can start
  it again.
"""

import datetime
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django_tasks import task

from secretariat.models import KIND_LABELS, Job

logger = logging.getLogger(__name__)

RUNNERS: dict = {}
# kind -> (URL name, button label): the next step a finished job of that kind offers (an import after its preview),
# shown on the job's page while the job's params say `confirmable`; the button posts `job=<id>` to that URL.
FOLLOW_UPS: dict = {}
# Progress is written at most this often (seconds), so that a job of 20,000 rows does not spend its time reporting.
PROGRESS_INTERVAL = 0.5


class JobError(Exception):
    """The job cannot finish, for a reason the secretariat can act on (the message says which)."""


@dataclass
class JobOutput:
    content: bytes = b""
    # Or the result written to a binary file (a large PDF): stored from the file, then closed.
    file: Any = None
    filename: str = ""
    content_type: str = "application/octet-stream"
    # Lines for the job's page (an import's outcome counts, its errors).
    summary: list = field(default_factory=list)
    message: str = ""
    # Writes that belong to the job's success (e.g. marking badges printed): run in the job's final transaction.
    commit: Callable | None = None
    # Whether the file opens in the browser (a PDF) rather than downloading.
    inline: bool = False


def job_kind(kind: str, label, *, long_transaction: bool = False, follow_up: tuple | None = None):
    """Register the runner of a kind of job; `long_transaction`: it works inside one transaction (see Progress)."""

    def register(runner):
        runner.long_transaction = long_transaction
        RUNNERS[kind] = runner
        KIND_LABELS[kind] = label
        if follow_up:
            FOLLOW_UPS[kind] = follow_up
        return runner

    return register


class Progress:
    """`progress(done, total, message=None)`: written to the job's row, at most every PROGRESS_INTERVAL seconds.

    A runner that works inside one long transaction (an import: all rows or none) asks for `separate_connection`,
    since its own connection's writes would stay invisible until the end. SQLite allows one writer at a time, so
    there the progress of such a job is shown only at its start and end.
    """

    def __init__(self, job: Job | None, *, separate_connection: bool = False):
        self.job = job
        self.separate_connection = separate_connection
        self._written_at = 0.0
        self._connection = None

    def __call__(self, done: int, total: int | None = None, message: str | None = None, *, force: bool = False):
        if self.job is None:
            return
        self.job.done = done
        if total is not None:
            self.job.total = total
        self.job.done = min(self.job.done, self.job.total)
        if message is not None:
            self.job.message = message
        now = time.monotonic()
        if not force and now - self._written_at < PROGRESS_INTERVAL and self.job.done < self.job.total:
            return
        self._written_at = now
        self._write()

    def _write(self):
        values = {"done": self.job.done, "total": self.job.total, "message": self.job.message}
        if not (self.separate_connection and connection.in_atomic_block):
            Job.objects.filter(pk=self.job.pk).update(**values)
            return
        if connection.vendor == "sqlite":
            return
        try:
            if self._connection is None:
                self._connection = connections.create_connection(DEFAULT_DB_ALIAS)
            quote = self._connection.ops.quote_name
            with self._connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(Job._meta.db_table)} SET {quote('done')} = %s, {quote('total')} = %s, "  # noqa: S608 - names from the model
                    f"{quote('message')} = %s WHERE {quote('id')} = %s",
                    [values["done"], values["total"], values["message"], self.job.pk],
                )
        except DatabaseError:
            # Progress is a courtesy: the job goes on whatever happens to its report.
            logger.warning("Could not report the progress of job %s", self.job.pk, exc_info=True)

    def close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class Heartbeat:
    """A thread of the worker that writes `heartbeat_at` on its running job every quarter of the lease, through a
    connection of its own (so that a job's long transaction does not hide it), until stopped."""

    def __init__(self, job: Job):
        self.job_id = job.pk
        self.interval = settings.CONVENE_JOB_LEASE_SECONDS / 4
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"job-{job.pk}-heartbeat", daemon=True)
        self.thread.start()

    def _beat(self):
        try:
            while not self.stopped.wait(self.interval):
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    logger.warning("Could not write the heartbeat of job %s", self.job_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's own

    def stop(self):
        self.stopped.set()
        self.thread.join()


def jobs_fail_lost(*, now=None) -> int:
    """Mark failed every running job whose worker gave no sign of life for CONVENE_JOB_LEASE_SECONDS: the one rule
    for a lost job, applied by the worker before each job and by the jobs' pages. Returns how many were lost."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.CONVENE_JOB_LEASE_SECONDS)
    lost = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=limit).only("pk", "language"):
        with translation.override(job.language):
            message = _("The worker stopped during the job without a word; nothing was saved. Start the job again.")
        lost += Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, heartbeat_at__lt=limit).update(
            status=Job.Status.FAILED, message=message, finished_at=now
        )
    if lost:
        logger.warning("%s job(s) lost their worker and were marked failed", lost)
    return lost


def _runner(kind):
    if kind not in RUNNERS:
        raise JobError(_("Unknown kind of job “%(kind)s”.") % {"kind": kind})
    return RUNNERS[kind]


# Starting a job ---------------------------------------------------------------------------------------------
def job_enqueue(*, kind: str, user, meeting=None, params: dict | None = None, language: str | None = None) -> Job:
    """Save the job and queue it for the worker, in one transaction (the database backend queues in the same
    database, so a job is never saved without its task, nor queued without its row)."""
    _runner(kind)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic(), translation.override(language):
        job = Job.objects.create(
            kind=kind,
            meeting=meeting,
            requested_by=user,
            params=params or {},
            language=language,
            message=_("Waiting for the worker to start the job…"),
        )
        run_job.enqueue(job.pk)
    return job


def jobs_prune(*, finished_before) -> int:
    """Delete the jobs finished before that time, with their files and any upload a preview kept for an import
    that was never confirmed (a confirmed one belongs to its import job, which deletes it). Returns how many."""
    pruned = 0
    for job in Job.objects.filter(status__in=Job.FINISHED, finished_at__lt=finished_before).iterator():
        if job.result:
            job.result.delete(save=False)
        if job.params.get("confirmable") and job.params.get("upload"):
            default_storage.delete(job.params["upload"])
        job.delete()
        pruned += 1
    return pruned


def job_run_inline(*, kind: str, user, meeting=None, params: dict | None = None, language: str | None = None):
    """Run a small job in the request: the same runner, no row, no file stored. Raises JobError."""
    job = Job(
        kind=kind,
        meeting=meeting,
        requested_by=user,
        params=params or {},
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    with translation.override(job.language):
        output = _runner(kind)(job, Progress(None))
    if output.file is not None:
        with output.file:
            output.file.seek(0)
            output.content = output.file.read()
    if output.commit is not None:
        output.commit()  # a service, atomic itself
    return output


def file_response(*, content, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


def job_respond(request, *, kind: str, size: int, meeting=None, params: dict | None = None):
    """The door's answer: the file itself for a job of at most CONVENE_JOBS_INLINE_MAX items, else the queued
    job's page. A JobError of an inline job becomes an error message and a redirect back."""
    if size <= settings.CONVENE_JOBS_INLINE_MAX:
        try:
            output = job_run_inline(kind=kind, user=request.user, meeting=meeting, params=params)
        except JobError as error:
            messages.error(request, str(error))
            # Back to the list the action was run from, or to the empty form (its query would run the job again).
            return redirect(request.get_full_path() if request.method == "POST" else request.path)
        return file_response(
            content=output.content, filename=output.filename, content_type=output.content_type, inline=output.inline
        )
    job = job_enqueue(kind=kind, user=request.user, meeting=meeting, params=params)
    return redirect(job_url(job))


def job_url(job: Job) -> str:
    return reverse("admin:secretariat_job_change", args=[job.pk])


# Running a job (in the worker) ------------------------------------------------------------------------------
@task()
def run_job(job_id: int) -> str:
    """The one task of the queue: run a saved job. Returns its final status."""
    return job_run(job_id)


def _fail(job: Job, message: str):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message=message, finished_at=timezone.now())
    return Job.Status.FAILED


# What a job's success writes: every field the runner may have set (its params too), but not the heartbeat, which
# the worker's other thread has written since the job was read.
SAVED_ON_SUCCESS = [field.name for field in Job._meta.concrete_fields if field.name not in ("id", "heartbeat_at")]


def job_run(job_id: int) -> str:
    jobs_fail_lost()
    job = Job.objects.select_related("meeting", "requested_by").filter(pk=job_id, status=Job.Status.QUEUED).first()
    if job is None:
        return "skipped"
    long_transaction = getattr(RUNNERS.get(job.kind), "long_transaction", False)
    # SQLite has one writer at a time: a job inside one long transaction (an import) could not write its heartbeat,
    # and would look lost; it sends none, and so is never judged lost (PostgreSQL, the production database, has
    # no such limit).
    beats = not (long_transaction and connection.vendor == "sqlite")
    job.status, job.started_at = Job.Status.RUNNING, timezone.now()
    job.heartbeat_at = job.started_at if beats else None
    # Claimed only if still queued: two workers never run the same job.
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=job.status, started_at=job.started_at, heartbeat_at=job.heartbeat_at
    )
    if not claimed:
        return "skipped"
    progress = Progress(job, separate_connection=long_transaction)
    heartbeat = Heartbeat(job) if beats else None
    try:
        with translation.override(job.language):
            output = _runner(job.kind)(job, progress)
            if output.file is not None:
                with output.file:
                    output.file.seek(0)
                    job.result.save(output.filename, File(output.file), save=False)
            elif output.content:
                job.result.save(output.filename, ContentFile(output.content), save=False)
            try:
                with transaction.atomic():
                    if output.commit is not None:
                        output.commit()
                    job.status = Job.Status.SUCCEEDED
                    job.finished_at = timezone.now()
                    job.done = job.total = max(job.total, job.done)
                    job.message = output.message or _("Done.")
                    job.summary = output.summary
                    job.result_name = output.filename
                    job.content_type = output.content_type
                    job.save(update_fields=SAVED_ON_SUCCESS)
            except BaseException:
                if job.result:
                    job.result.delete(save=False)
                raise
    except JobError as error:
        return _fail(job, str(error))
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        with translation.override(job.language):
            message = _("The job failed (%(error)s); nothing was saved. Try again, or tell the site's administrator.")
            return _fail(job, message % {"error": type(error).__name__})
    except BaseException:
        # The worker was stopped in the middle of the job (a second Ctrl-C or SIGTERM): say so, then stop.
        with translation.override(job.language):
            _fail(job, _("The worker was stopped during the job; nothing was saved. Start the job again."))
        raise
    finally:
        if heartbeat is not None:
            heartbeat.stop()
        progress.close()
    return job.status
