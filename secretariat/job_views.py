"""The jobs' pages in the admin: a job's page (progress bar, then the download or the reason it failed), its status
as JSON for the page's poll (static/secretariat/job-progress.js), and its file. Only the jobs visible to the user
(`Job.objects.visible_to`) are found; any other is a 404, whoever asks."""

import datetime

from django.contrib import admin
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import Access
from secretariat.jobs import FOLLOW_UPS, jobs_fail_lost
from secretariat.models import Job


def visible_jobs(request):
    return Job.objects.visible_to(Access.for_user(request.user))


def _job(request, object_id) -> Job:
    if not str(object_id).isdigit():
        raise Http404
    jobs_fail_lost()
    return get_object_or_404(visible_jobs(request).select_related("meeting", "requested_by"), pk=object_id)


def local_time(job: Job, moment) -> str:
    """A job's time in its meeting's time zone (UTC without one), with the offset."""
    if moment is None:
        return ""
    zone = job.meeting.tzinfo if job.meeting_id else datetime.UTC
    return timezone.localtime(moment, zone).strftime("%Y-%m-%d %H:%M:%S %z")


def download_url(job: Job) -> str:
    if job.status != Job.Status.SUCCEEDED or not job.result:
        return ""
    return reverse("admin:secretariat_job_download", args=[job.pk])


def job_status(job: Job) -> dict:
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "finished": job.finished,
        "download_url": download_url(job),
    }


def job_page_view(request, object_id, *, model_admin):
    job = _job(request, object_id)
    follow_up = FOLLOW_UPS.get(job.kind)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Job._meta,
        "title": str(job),
        "job": job,
        "status": job_status(job),
        "created": local_time(job, job.created_at),
        "finished": local_time(job, job.finished_at),
        "follow_up": (
            {"url": reverse(follow_up[0]), "label": follow_up[1]}
            if follow_up and job.status == Job.Status.SUCCEEDED and job.params.get("confirmable")
            else None
        ),
        "recent": visible_jobs(request).filter(requested_by=request.user).recent().exclude(pk=job.pk)[:10],
    }
    return TemplateResponse(request, "admin/secretariat/job/job.html", context)


def job_status_view(request, object_id, *, model_admin):
    return JsonResponse(job_status(_job(request, object_id)))  # the admin's views are never cached


def job_download_view(request, object_id, *, model_admin):
    job = _job(request, object_id)
    if not download_url(job):
        raise Http404(_("This job has no file to download."))
    inline = job.content_type == "application/pdf"
    return FileResponse(
        job.result.open("rb"), as_attachment=not inline, filename=job.result_name, content_type=job.content_type
    )


@admin.display(description=gettext_lazy("created at"), ordering="created_at")
def created_column(job: Job) -> str:
    return local_time(job, job.created_at)


@admin.display(description=gettext_lazy("progress"))
def progress_column(job: Job) -> str:
    return f"{job.done} / {job.total}" if job.total else "—"
