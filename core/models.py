from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class ContentVersion(models.Model):
    """A counter per meeting (and 0 for site-wide records), advanced by every change to what pages show."""

    scope = models.PositiveIntegerField(_("scope"), primary_key=True, help_text=_("A meeting's id, or 0: site-wide."))
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.scope}: {self.version}"
