from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        # The values as read, so that core.services.record_save writes only the fields changed since.
        record = super().from_db(db, field_names, values)
        record._loaded_values = {
            name: value for name, value in zip(field_names, values, strict=True) if value is not models.DEFERRED
        }
        return record

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        loaded = getattr(self, "_loaded_values", {})
        for field in self._meta.concrete_fields:
            if field.attname in self.__dict__ and (fields is None or field.attname in fields or field.name in fields):
                loaded[field.attname] = self.__dict__[field.attname]
        self._loaded_values = loaded


class ContentVersion(models.Model):
    """A counter per meeting (and 0 for site-wide records), advanced by every change to what pages show."""

    scope = models.PositiveIntegerField(_("scope"), primary_key=True, help_text=_("A meeting's id, or 0: site-wide."))
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.scope}: {self.version}"
