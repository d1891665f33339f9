"""The secretariat's one model: a Job, a long piece of work (badges, an export, a large import) run by the worker
(secretariat/jobs.py), with its progress and the file it produced."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# kind -> its label, filled by secretariat.jobs.job_kind() as each kind's module registers its runner.
KIND_LABELS: dict = {}


class JobQuerySet(models.QuerySet):
    def visible_to(self, access):
        """The ONE definition of who sees a job (and its file): whoever started it, and users with the permission
        to view every job (core.access: a user's rights are their model permissions)."""
        if access.kind != "user":
            return self.none()
        if access.sees_private(self.model):
            return self
        return self.filter(requested_by=access.user)

    def recent(self):
        return self.select_related("meeting", "requested_by").order_by("-created_at", "-id")


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("done")
        FAILED = "failed", _("failed")

    FINISHED = (Status.SUCCEEDED, Status.FAILED)

    kind = models.CharField(_("kind"), max_length=50)
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    # What to do, in the kind's own terms (a format, a layout, participant ids, a kept upload's name).
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    # Lines shown on the job's page once it is finished (an import's outcome counts and errors).
    summary = models.JSONField(_("summary"), default=list, blank=True)
    result = models.FileField(_("result"), upload_to="jobs/", blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # The worker's last sign of life while it runs the job (secretariat/jobs.py, Heartbeat); none for a job that
    # cannot send one (see jobs.job_run).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="job_requester_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="job_done_within_total"),
        ]

    def __str__(self):
        return f"{self.kind_label} #{self.pk}"

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def finished(self):
        return self.status in self.FINISHED

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else (100 if self.finished else 0)
